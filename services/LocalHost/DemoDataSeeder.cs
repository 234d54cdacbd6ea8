using Microsoft.EntityFrameworkCore;
using Partnership.CrimeMeasures;
using Partnership.Domain;
using Partnership.Storage;
using Partnership.Submissions;

namespace Partnership.LocalHost;

/// <summary>
/// Seeds West Yorkshire's five districts (or, with <c>Demo:Scope=national</c>, every force's districts)
/// with four financial years of quarterly crime returns and West Yorkshire's survey figures, through the same pipeline a partner's return takes, so the demo's county
/// report is built exactly as a real one would be. Runs once: a database that has returns is left alone.
/// </summary>
public sealed partial class DemoDataSeeder(IServiceScopeFactory scopes, DemoSeedCompletion completion, IConfiguration configuration, ILogger<DemoDataSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await SeedAsync(stoppingToken);
        }
        finally
        {
            completion.TrySetResult();
        }
    }

    private async Task SeedAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await SeedCrimeAsync(scope.ServiceProvider, stoppingToken);

        // Each further service seeds its own database, and leaves one that already has data alone.
        foreach (var seed in scope.ServiceProvider.GetServices<IDemoSeed>())
        {
            await seed.SeedAsync(stoppingToken);
        }
    }

    private async Task SeedCrimeAsync(IServiceProvider services, CancellationToken stoppingToken)
    {
        var db = services.GetRequiredService<CrimeMeasuresDbContext>();
        await SchemaMigrator.MigrateAsync(db, stoppingToken);
        if (await db.Returns.AnyAsync(stoppingToken))
        {
            LogSkipped(logger);
            return;
        }

        var pipeline = services.GetRequiredService<SubmissionPipeline<CrimeMeasuresDbContext>>();
        var geography = services.GetRequiredService<Geography>();
        var scope = configuration.GetValue("Demo:Scope", DemoScope.WestYorkshire);
        var returns = DemoData.CrimeReturns(geography, scope).ToList();
        LogSeeding(logger, returns.Count);
        foreach (var submission in returns)
        {
            using (DemoCaller.Submitting(submission, CrimeMeasures.Extensions.Identity))
            {
                await pipeline.SubmitAsync(submission, stoppingToken);
            }
        }

        LogSeeded(logger, returns.Count, scope);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding {Count} demo returns through the submission pipeline...")]
    private static partial void LogSeeding(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data already present; not seeding again")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo returns ({Scope})")]
    private static partial void LogSeeded(ILogger logger, int count, DemoScope scope);
}

/// <summary>Completes when demo seeding has finished (or was not asked for).</summary>
public sealed class DemoSeedCompletion : TaskCompletionSource;

internal sealed class DemoSeedSkipped(DemoSeedCompletion completion) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        completion.TrySetResult();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
