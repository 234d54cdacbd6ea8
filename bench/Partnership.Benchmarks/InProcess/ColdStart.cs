using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.ReadModel;

namespace Partnership.Benchmarks.InProcess;

/// <summary>
/// A force's first Delivery report after a start (issue 22, item 3), in one run: as before, an empty
/// cache reading and combining every figure of the force; and as the aggregator now starts, a new
/// cache, the start-up warm-up run to completion (what readiness waits for), then the first report of
/// a force whose figures the cache did not keep (only its compact rows: the worst case) and of one
/// whose figures it kept. Each run is a new cache. The aggregator's peak memory (VmHWM) is measured in
/// a process of its own (<see cref="AggregatorMemory"/>), which warms the same way.
/// </summary>
/// <remarks>
/// The report asked for is the fixture's quarter, the one before the newest, with three comparisons and
/// the series, not the newest quarter with every comparison that the warm-up builds: a reader may ask
/// for any window, and a report of the very one the warm-up built would flatter the figure.
/// </remarks>
public static class ColdStart
{
    public const string Name = "Delivery Quarterly Report, a force's first after a start";

    public static async Task<IReadOnlyList<BenchmarkResult>> RunAsync(int scale, int quarters, int runs, CancellationToken cancellationToken)
    {
        var fixture = ReadModelFixture.For(scale, quarters);
        var uncached = new List<double>();
        var warmUps = new List<double>();
        var compact = new List<double>();
        var kept = new List<double>();
        var options = Options.Create(new ReportCacheOptions());
        string? compactForce = null, keptForce = null;
        for (var run = 0; run < Math.Max(1, runs); run++)
        {
            uncached.Add(await TimeAsync(async () =>
            {
                await using var db = fixture.Open();
                await fixture.DeliveryReportAsync(db, new ForceFiguresCache(fixture.Data.Catalogue, options, NullLogger<ForceFiguresCache>.Instance));
            }));

            var cache = new ForceFiguresCache(fixture.Data.Catalogue, options, NullLogger<ForceFiguresCache>.Instance);
            // The reports below take their read model context from the same registration as the warm-up,
            // as the aggregator's readers do: EF compiles a query once per registration, and the
            // aggregator's warm-up has compiled every query a report runs before readiness.
            var scopes = fixture.ScopesFor(cache);
            var warmUp = new ReportCacheWarmUp(scopes, cache, fixture.Data.Geography, new ReportCacheWarmth(), options, NullLogger<ReportCacheWarmUp>.Instance);
            warmUps.Add(await TimeAsync(() => warmUp.WarmAsync(cancellationToken)));
            // Below 4 forces every force's figures are kept, and there is no worse case to measure.
            compactForce = cache.HoldsFigures(fixture.Force) ? fixture.Data.ForceCodes.FirstOrDefault(f => !cache.HoldsFigures(f)) : fixture.Force;
            keptForce = fixture.Data.ForceCodes.First(cache.HoldsFigures);
            // The kept force first: the compact force's report makes its figures, and the cache then
            // turns the least recently reported kept force (the first) into compact rows.
            // Both timed one after the other, as two readers' first reports; each is checked after, since
            // the check builds two more reports and serialises all four, work no reader waits for.
            DeliveryReport? keptReport = null, compactReport = null;
            kept.Add(await TimeAsync(async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                keptReport = await fixture.DeliveryReportAsync(scope.ServiceProvider.GetRequiredService<ReportingDbContext>(), cache, keptForce);
            }));

            if (compactForce is not null)
            {
                compact.Add(await TimeAsync(async () =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    compactReport = await fixture.DeliveryReportAsync(scope.ServiceProvider.GetRequiredService<ReportingDbContext>(), cache, compactForce);
                }));
                await AssertAsReadWholeAsync(fixture, compactForce, compactReport!);
            }

            await AssertAsReadWholeAsync(fixture, keptForce, keptReport!);
        }

        var peak = await AggregatorMemory.MeasureAsync(scale, quarters, fixture.File, cancellationToken);
        var before = Median(uncached);
        var of = $"{scale}x county ({fixture.Rows.Count:N0} observations), start-up warm-up of {fixture.Data.Forces} forces: {Median(warmUps):0} ms median";
        var results = new List<BenchmarkResult>();
        if (compactForce is not null)
        {
            results.Add(new BenchmarkResult($"{Name} once ready, a force kept as compact rows ({compactForce}, the worst case), {of}",
                $"{Median(compact):0.0} ms median{Runs(compact)}", $"{before:0.0} ms with no warm-up (an empty cache)", Median(compact) / before, "<= 50 ms", Median(compact) <= 50));
        }

        results.Add(new BenchmarkResult($"{Name} once ready, a force whose figures are kept ({keptForce}), {of}",
            $"{Median(kept):0.0} ms median{Runs(kept)}", $"{before:0.0} ms with no warm-up (an empty cache)", Median(kept) / before, "<= 50 ms", Median(kept) <= 50));
        results.Add(new BenchmarkResult($"Aggregator peak memory with every force warmed, then every force's report and 10 updates, {scale}x county",
            $"{peak:N0} MiB (VmHWM of its own process)", "1,024 MiB budget", peak / 1024, "< 1 GiB", peak < 1024));
        return results;
    }

    /// <summary>
    /// Stops the run unless a timed report is the report of figures read whole (the cache off): a fast
    /// report of the wrong figures, or of none, would measure nothing.
    /// </summary>
    private static async Task AssertAsReadWholeAsync(ReadModelFixture fixture, string force, DeliveryReport timed)
    {
        await using var db = fixture.Open();
        var whole = await fixture.DeliveryReportAsync(db, cached: false, force: force);
        if (!JsonSerializer.SerializeToUtf8Bytes(timed).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(whole)))
        {
            throw new InvalidOperationException($"The first report of {force} once ready differs from its report with the cache off.");
        }
    }

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var started = Stopwatch.GetTimestamp();
        await work();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Each run's figure, in the order run, when there is more than one: a median of three hides a slow run.</summary>
    private static string Runs(List<double> values) =>
        values.Count < 2 ? "" : $" (runs: {string.Join(", ", values.Select(v => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))})";

    private static double Median(List<double> values)
    {
        List<double> sorted = [.. values];
        sorted.Sort();
        return sorted[sorted.Count / 2];
    }
}
