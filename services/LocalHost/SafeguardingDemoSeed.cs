using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Safeguarding;
using Partnership.Storage;
using Partnership.Submissions;

namespace Partnership.LocalHost;

/// <summary>West Yorkshire's safeguarding returns over the demo years, through the safeguarding service's own pipeline.</summary>
public sealed partial class SafeguardingDemoSeed(
    SafeguardingDbContext db,
    SubmissionPipeline<SafeguardingDbContext> pipeline,
    Geography geography,
    ILogger<SafeguardingDemoSeed> logger) : IDemoSeed
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await SchemaMigrator.MigrateAsync(db, cancellationToken);
        if (await db.Returns.AnyAsync(cancellationToken))
        {
            return;
        }

        var returns = SafeguardingDemoData.Returns(geography).ToList();
        foreach (var submission in returns)
        {
            using (DemoCaller.Submitting(submission, Safeguarding.Extensions.Identity))
            {
                await pipeline.SubmitAsync(submission, cancellationToken);
            }
        }

        LogSeeded(logger, returns.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} safeguarding returns for West Yorkshire")]
    private static partial void LogSeeded(ILogger logger, int count);
}
