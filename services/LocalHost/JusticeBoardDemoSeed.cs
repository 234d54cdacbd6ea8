using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.JusticeBoard;
using Partnership.JusticeBoard.Returns;
using Partnership.Storage;
using Partnership.Submissions;

namespace Partnership.LocalHost;

/// <summary>West Yorkshire's LCJB figures over the demo years (see <see cref="JusticeDemoData"/>), through the justice board's pipeline.</summary>
public sealed partial class JusticeBoardDemoSeed(
    JusticeBoardDbContext db,
    SubmissionPipeline<JusticeBoardDbContext> pipeline,
    Courts courts,
    VictimsCodeFramework framework,
    ILogger<JusticeBoardDemoSeed> logger) : IDemoSeed
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await SchemaMigrator.MigrateAsync(db, cancellationToken);
        if (await db.Returns.AnyAsync(cancellationToken))
        {
            return;
        }

        var returns = JusticeDemoData.Returns(courts, framework).ToList();
        foreach (var submission in returns)
        {
            using (DemoCaller.Submitting(submission, JusticeBoard.Extensions.Identity))
            {
                await pipeline.SubmitAsync(submission, cancellationToken);
            }
        }

        LogSeeded(logger, returns.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Returns} criminal justice board returns for West Yorkshire's courts")]
    private static partial void LogSeeded(ILogger logger, int returns);
}
