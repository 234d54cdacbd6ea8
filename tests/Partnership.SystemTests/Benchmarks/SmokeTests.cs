using Partnership.Benchmarks;

namespace Partnership.SystemTests.Benchmarks;

[Trait(Lane.Key, Lane.System)]
public class SmokeTests
{
    [Fact]
    public async Task RunAsync_Smoke_EveryBenchmarkPrintsItsRatio()
    {
        var output = new StringWriter();

        var results = await BenchmarkSuite.RunAsync(SuiteOptions.Smoke, output, CancellationToken.None);

        // Smoke data is tiny and cold, so no target is asserted: only that each benchmark ran and compared.
        Assert.Contains(results, r => r.Name.StartsWith("Bulk ingest on SQLite", StringComparison.Ordinal));
        Assert.Contains(results, r => r.Name.StartsWith("Bulk ingest on PostgreSQL", StringComparison.Ordinal));
        Assert.Contains(results, r => r.Name.StartsWith("County rollup", StringComparison.Ordinal));
        Assert.Contains(results, r => r.Name.StartsWith("Delivery Quarterly Report", StringComparison.Ordinal));
        Assert.Contains(results, r => r.Name.StartsWith("Incremental update", StringComparison.Ordinal));
        Assert.Contains(results, r => r.Name.StartsWith(Partnership.Benchmarks.InProcess.ColdStart.Name, StringComparison.Ordinal));
        Assert.Contains(results, r => r.Name.StartsWith("Validation", StringComparison.Ordinal));
        // The single return on each store, beside the quiescent raw durable commit and the no-op call of the same run.
        foreach (var store in new[] { "SQLite", "PostgreSQL" })
        {
            var single = Assert.Single(results, r => r.Name.StartsWith($"{store}: single return via gRPC, p50", StringComparison.Ordinal));
            Assert.Contains("raw durable commit, quiescent, p50", single.Baseline, StringComparison.Ordinal);
            Assert.Contains("no-op gRPC p50", single.Baseline, StringComparison.Ordinal);
            Assert.True(double.IsFinite(single.Ratio) && single.Ratio > 0, single.ToRow());
            var span = Assert.Single(results, r => r.Name.StartsWith($"{store}: the \"store return\" span", StringComparison.Ordinal));
            Assert.True(double.IsFinite(span.Ratio) && span.Ratio > 0, span.ToRow());
        }

        Assert.Contains(results, r => r.Name.StartsWith(SidecarFreshnessBenchmark.Name, StringComparison.Ordinal));
        // Five West Yorkshire districts by the smoke run's four quarters, through the CLI, beside the raw write of the same rows.
        var backfill = Assert.Single(results, r => r.Name.StartsWith(BackfillBenchmark.Name, StringComparison.Ordinal));
        Assert.Contains("(20 files, 5 districts x 4 quarters,", backfill.Name, StringComparison.Ordinal);
        Assert.Contains("raw prepared insert", backfill.Baseline, StringComparison.Ordinal);
        // Four forces' reports one after another and all at once (the run stops if they differ), beside one force's first report built four times.
        foreach (var mode in new[] { "one after another", "all at once" })
        {
            var time = Assert.Single(results, r => r.Name.StartsWith($"{PublicationDayBenchmark.Name}, {mode}, wall time: 4 forces", StringComparison.Ordinal));
            Assert.Contains("one force's first report built 4 times", time.Baseline, StringComparison.Ordinal);
            var peak = Assert.Single(results, r => r.Name.StartsWith($"{PublicationDayBenchmark.Name}, {mode}, peak memory: 4 forces", StringComparison.Ordinal));
            Assert.Contains("MiB peak (VmHWM of its own process)", peak.Figure, StringComparison.Ordinal);
            Assert.Contains("one force's first report built 4 times", peak.Baseline, StringComparison.Ordinal);
        }

        Assert.All(results, r => Assert.True(double.IsFinite(r.Ratio) && r.Ratio > 0, $"{r.Name}: ratio {r.Ratio}"));
        Assert.All(results, r => Assert.Contains(r.ToRow(), output.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Create_SameSeed_SameFigures()
    {
        var first = NationalDataset.Create(forces: 2, quarters: 4).Figures().Take(500).ToList();
        var second = NationalDataset.Create(forces: 2, quarters: 4).Figures().Take(500).ToList();

        Assert.Equal(first.Select(f => (f.Measure.Id, f.AreaCode, f.Period, f.Figure)), second.Select(f => (f.Measure.Id, f.AreaCode, f.Period, f.Figure)));
    }

    [Fact]
    public void Create_National_HasTheDeploymentShape()
    {
        var data = NationalDataset.Create(NationalDataset.NationalForces);

        Assert.Equal(43, data.Geography.Areas.Count(a => a.Type == Domain.AreaType.Force));
        Assert.Equal(301, data.Geography.Areas.Count(a => a.Type == Domain.AreaType.District));
        Assert.Equal(200, data.Catalogue.All.Count);
        Assert.Equal(4, data.Catalogue.All.Select(m => m.Service).Distinct().Count());
        Assert.Equal(40, data.Quarters.Count);
    }
}
