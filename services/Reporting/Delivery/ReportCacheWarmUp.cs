using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.Options;
using Partnership.Domain;
using Partnership.Reporting.ReadModel;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// Reads every force's figures into the report cache as the aggregator starts, so no reader waits for
/// a force's whole history to be read from the database (about 1.5 s at national scale). The forces
/// listed in <see cref="ReportCacheOptions.WarmForces"/>, then the geography's force areas, keep their
/// figures, as many as the cache holds; the others are kept as compact rows. Warming is only a head start: every report still checks the cached figures
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
        // The most read keep their figures; the rest are read only as compact rows.
        var kept = forces.Take(options.Value.Forces).ToList();
        foreach (var force in forces)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
                var areas = DeliveryReportQuery.AreasOf(geography, force);
                if (kept.Contains(force))
                {
                    await cache.GetAsync(db, force, areas, cancellationToken);
                }
                else
                {
                    await cache.WarmCompactAsync(db, force, areas, cancellationToken);
                }

                warmth.Warmed();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                warmth.Failed();
                LogForceFailed(force, exception);
            }
        }

        foreach (var force in kept)
        {
            await BuildReportAsync(force, cancellationToken);
        }

        if (forces.Count > 0)
        {
            // Reading every force's history leaves hundreds of MB behind it. Collected and compacted here,
            // before readiness, it is not collected in the middle of the first readers' reports, each of
            // which would then copy its half-built report (docs/performance.md).
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        var took = Stopwatch.GetElapsedTime(started);
        warmth.Finished(took);
        LogWarm(forces.Count, (long)took.TotalMilliseconds);
    }

    /// <summary>
    /// Builds a report of a force whose figures are kept, and drops it: the first report a process builds
    /// pays for compiling the builder, comparisons and queries, and the first of each force's figures for
    /// what they work out once. Paid here, before readiness, rather than by the first reader.
    /// </summary>
    private async Task BuildReportAsync(string force, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (scope.ServiceProvider.GetService<DeliveryReportQuery>() is not { } query)
            {
                return;
            }

            var windows = await query.WindowsAsync(force, cancellationToken);
            if (windows.FirstOrDefault(w => w.Kind == PeriodKind.Quarter) is { } quarter)
            {
                await query.BuildForWarmUpAsync(force, quarter, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Only a head start: a force without a plan, say, has no report to build.
            LogReportFailed(force, exception);
        }
    }

    private List<string> ForcesToWarm()
    {
        var settings = options.Value;
        if (!settings.WarmAtStart || settings.Forces <= 0)
        {
            return [];
        }

        var forceAreas = geography.Areas.Where(a => a.Type == AreaType.Force).Select(a => a.Code).Order(StringComparer.Ordinal);
        return [.. settings.WarmForces.Select(Geography.Canonical).Concat(forceAreas).Distinct(StringComparer.Ordinal)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report cache warm for {Forces} forces in {Milliseconds} ms")]
    private partial void LogWarm(int forces, long milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not build a report of {Force} while warming the report cache")]
    private partial void LogReportFailed(string force, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not warm the report cache for {Force}; its first report reads its figures")]
    private partial void LogForceFailed(string force, Exception exception);
}
