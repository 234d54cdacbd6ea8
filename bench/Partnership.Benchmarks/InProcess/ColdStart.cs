using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.Reporting.Delivery;

namespace Partnership.Benchmarks.InProcess;

/// <summary>
/// A force's first Delivery report after a start (issue 22, item 3), both ways in one run: as before,
/// an empty cache reading and combining every figure of the force; and as the aggregator now starts,
/// a new cache, the start-up warm-up run to completion (what readiness waits for), then the first
/// report. The force reported on is listed first to warm, as a deployment lists its most read forces;
/// the rest of the cache (8 forces) is filled as the aggregator fills it. Each run is a new cache.
/// </summary>
public static class ColdStart
{
    public const string Name = "Delivery Quarterly Report, a force's first after a start";

    public static async Task<BenchmarkResult> RunAsync(int scale, int quarters, int runs, CancellationToken cancellationToken)
    {
        var fixture = ReadModelFixture.For(scale, quarters);
        var uncached = new List<double>();
        var warmUps = new List<double>();
        var reports = new List<double>();
        var options = Options.Create(new ReportCacheOptions { WarmForces = [fixture.Force] });
        for (var run = 0; run < Math.Max(1, runs); run++)
        {
            uncached.Add(await TimeAsync(async () =>
            {
                await using var db = fixture.Open();
                await fixture.DeliveryReportAsync(db, new ForceFiguresCache(fixture.Data.Catalogue, options, NullLogger<ForceFiguresCache>.Instance));
            }));

            var cache = new ForceFiguresCache(fixture.Data.Catalogue, options, NullLogger<ForceFiguresCache>.Instance);
            var warmUp = new ReportCacheWarmUp(fixture.Scopes, cache, fixture.Data.Geography, new ReportCacheWarmth(), options, NullLogger<ReportCacheWarmUp>.Instance);
            warmUps.Add(await TimeAsync(() => warmUp.WarmAsync(cancellationToken)));
            reports.Add(await TimeAsync(async () =>
            {
                await using var db = fixture.Open();
                await fixture.DeliveryReportAsync(db, cache);
            }));
        }

        var forces = Math.Min(options.Value.Forces, fixture.Data.Forces);
        var first = Median(reports);
        var before = Median(uncached);
        return new BenchmarkResult(
            $"{Name} once ready (start-up warm-up of {forces} forces: {Median(warmUps):0} ms median), {scale}x county ({fixture.Rows.Count:N0} observations)",
            $"{first:0.0} ms median", $"{before:0.0} ms with no warm-up (an empty cache)", first / before, "<= 50 ms", first <= 50);
    }

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var started = Stopwatch.GetTimestamp();
        await work();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
