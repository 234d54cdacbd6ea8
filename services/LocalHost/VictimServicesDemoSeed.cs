using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Security;
using Partnership.Storage;
using Partnership.VictimServices;
using Partnership.VictimServices.Commissioning;
using Partnership.VictimServices.Returns;

namespace Partnership.LocalHost;

/// <summary>
/// West Yorkshire's commissioned victim services over the demo years, each provider's quarterly
/// returns and the force's victim figures, through the victim services' own register and pipeline.
/// </summary>
public sealed partial class VictimServicesDemoSeed(
    VictimServicesDbContext db,
    CommissioningRegister register,
    VictimReturnIntake intake,
    Geography geography,
    ILogger<VictimServicesDemoSeed> logger) : IDemoSeed
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await SchemaMigrator.MigrateAsync(db, cancellationToken);
        if (await db.CommissioningRevisions.AnyAsync(cancellationToken) || await db.Returns.AnyAsync(cancellationToken))
        {
            return;
        }

        var statements = VictimServicesDemoData.Commissioning().ToList();
        foreach (var statement in statements)
        {
            using (InProcessCaller.Use(Caller.InProcess("West Yorkshire OPCC", statement.ForceAreaCode, VictimServices.Extensions.Identity.SubmitterRole)))
            {
                await register.SubmitAsync(statement, cancellationToken);
            }
        }

        var returns = VictimServicesDemoData.Returns(geography).ToList();
        foreach (var submission in returns)
        {
            using (DemoCaller.Submitting(submission, VictimServices.Extensions.Identity))
            {
                await intake.SubmitAsync(submission, cancellationToken);
            }
        }

        LogSeeded(logger, statements.Count, returns.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Statements} commissioning statements and {Returns} victim services returns for West Yorkshire")]
    private static partial void LogSeeded(ILogger logger, int statements, int returns);
}
