using BenchmarkDotNet.Attributes;
using Partnership.EventBus;
using Partnership.Reporting.ReadModel;

namespace Partnership.Benchmarks.InProcess;

/// <summary>
/// The aggregator's in-process work on a read model at one scale (BenchmarkDotNet): one force's county
/// rollup and full Delivery Quarterly Report with comparisons, each from a fresh context as a request
/// has, and the incremental update the aggregator makes for one corrected district return. The
/// baseline is a plain in-memory pass over the same observations (the force's quarter totals from a
/// list in memory), so BenchmarkDotNet's Ratio column is each figure's multiple of it.
/// </summary>
[MemoryDiagnoser]
public class ReadModelBenchmarks
{
    /// <summary>The scales to run (counties: 1, 4, 16, 43), set by the runner before BenchmarkDotNet reads them.</summary>
    public static IReadOnlyList<int> Scales { get; set; } = [1];

    public static int Quarters { get; set; } = 40;

    private ReadModelFixture _fixture = null!;

    [ParamsSource(nameof(Scales))]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup() => _fixture = ReadModelFixture.For(Scale, Quarters);

    [Benchmark(Baseline = true)]
    public int PlainPass() => QuarterTotals(_fixture.Rows, _fixture.Areas, _fixture.Quarter.Key).Count;

    /// <summary>The least work that gives the force's quarter totals: one scan, a dictionary of sums.</summary>
    public static Dictionary<string, (decimal Value, decimal Numerator, decimal Denominator)> QuarterTotals(IReadOnlyList<ReportObservation> rows, IReadOnlySet<string> areas, string periodKey)
    {
        var sums = new Dictionary<string, (decimal Value, decimal Numerator, decimal Denominator)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.PeriodKey != periodKey || !areas.Contains(row.AreaCode))
            {
                continue;
            }

            sums.TryGetValue(row.MeasureId, out var sum);
            sums[row.MeasureId] = (sum.Value + (row.Value ?? 0), sum.Numerator + (row.Numerator ?? 0), sum.Denominator + (row.Denominator ?? 0));
        }

        return sums;
    }

    [Benchmark]
    public async Task<int> CountyRollup()
    {
        await using var db = _fixture.Open();
        return (await _fixture.RollupAsync(db)).Measures.Count;
    }

    /// <summary>The report as the aggregator serves it: its cache of the force's figures checked against the read model, the report built and disclosure applied.</summary>
    [Benchmark]
    public async Task<int> DeliveryReport()
    {
        await using var db = _fixture.Open();
        var report = await _fixture.DeliveryReportAsync(db);
        return report.Themes.Count;
    }

    /// <summary>The same report with the cache switched off: every figure of the force read and combined, as for a force's first report after a start.</summary>
    [Benchmark]
    public async Task<int> DeliveryReportUncached()
    {
        await using var db = _fixture.Open();
        var report = await _fixture.DeliveryReportAsync(db, cached: false);
        return report.Themes.Count;
    }

    /// <summary>One corrected district return applied, then the force's report, which must reflect it: what a reader waits for after a resubmission.</summary>
    [Benchmark]
    public async Task<int> UpdateThenReport()
    {
        await _fixture.Handler.HandleAsync("bench-topic", _fixture.NextUpdate(), CancellationToken.None);
        await using var db = _fixture.Open();
        var report = await _fixture.DeliveryReportAsync(db);
        return report.Themes.Count;
    }

    [Benchmark]
    public int DeliveryReportBuildOnly() => _fixture.BuildDeliveryReport().Themes.Count;

    [Benchmark]
    public async Task<DeliveryOutcome> IncrementalUpdate() =>
        await _fixture.Handler.HandleAsync("bench-topic", _fixture.NextUpdate(), CancellationToken.None);
}
