using System.Diagnostics;
using Microsoft.Extensions.Options;
using Partnership.Domain;
using Partnership.Reporting.ReadModel;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// Reads forces' figures into the report cache as the aggregator starts, so no reader waits for a
/// force's whole history to be read and combined (about 360 ms at national scale). The forces listed
/// in <see cref="ReportCacheOptions.WarmForces"/> go first, then the geography's force areas, as many
/// as the cache holds. Warming is only a head start: every report still checks the cached figures
/// against the read model's return versions, so a revision applied during or after the warm-up is
/// read in before the report is built.
/// </summary>
public sealed partial class ReportCacheWarmUp(
    IServiceScopeFactory scopes, ForceFiguresCache cache, Geography geography, ReportCacheWarmth warmth, IOptions<ReportCacheOptions> options, ILogger<ReportCacheWarmUp> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => WarmAsync(stoppingToken);

    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        // Yield first, so a large warm-up never holds up the host's start.
        await Task.Yield();
        var forces = ForcesToWarm();
        warmth.Starting(forces.Count);
        var started = Stopwatch.GetTimestamp();
        foreach (var force in forces)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
                await cache.GetAsync(db, force, DeliveryReportQuery.AreasOf(geography, force), cancellationToken);
                warmth.Warmed();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                warmth.Failed();
                LogForceFailed(force, exception);
            }
        }

        var took = Stopwatch.GetElapsedTime(started);
        warmth.Finished(took);
        LogWarm(forces.Count, (long)took.TotalMilliseconds);
    }

    private List<string> ForcesToWarm()
    {
        var settings = options.Value;
        if (!settings.WarmAtStart || settings.Forces <= 0)
        {
            return [];
        }

        var forceAreas = geography.Areas.Where(a => a.Type == AreaType.Force).Select(a => a.Code).Order(StringComparer.Ordinal);
        return [.. settings.WarmForces.Select(Geography.Canonical).Concat(forceAreas).Distinct(StringComparer.Ordinal).Take(settings.Forces)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report cache warm for {Forces} forces in {Milliseconds} ms")]
    private partial void LogWarm(int forces, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not warm the report cache for {Force}; its first report reads its figures")]
    private partial void LogForceFailed(string force, Exception exception);
}
