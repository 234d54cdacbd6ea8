using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Partnership.Benchmarks.InProcess;

/// <summary>
/// Runs the BenchmarkDotNet classes in this process (no generated project to build, so the smoke run
/// takes seconds) and turns their summaries into rows beside the targets: each figure's
/// median and its ratio to the baseline method of the same class and scale.
/// </summary>
public static class InProcessRunner
{
    public static IReadOnlyList<BenchmarkResult> Run(SuiteOptions options, string directory, TextWriter output)
    {
        ReadModelBenchmarks.Scales = options.ReportScales;
        ReadModelBenchmarks.Quarters = options.Quarters;
        ReadModelFixture.Directory = directory;
        var job = options.Runs <= 1
            ? Job.Dry
            : Job.Default.WithWarmupCount(options.Warmups + 1).WithIterationCount(options.Runs * 2);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)))
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(new TextLogger(output))
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(Path.Combine(directory, "BenchmarkDotNet.Artifacts"))
            .WithOptions(ConfigOptions.DisableLogFile);
        try
        {
            var summaries = new[] { BenchmarkRunner.Run<ReadModelBenchmarks>(config), BenchmarkRunner.Run<ValidationBenchmarks>(config) };
            foreach (var summary in summaries)
            {
                MarkdownExporter.GitHub.ExportToLog(summary, new TextLogger(output));
            }

            var largest = ReadModelBenchmarks.Scales.Max();
            var fixture = ReadModelFixture.For(largest, options.Quarters);
            var resident = AggregatorMemory.MeasureAsync(largest, options.Quarters, fixture.File, CancellationToken.None).GetAwaiter().GetResult();
            var memory = new BenchmarkResult(
                $"Aggregator resident memory, {largest}x county ({fixture.Rows.Count:N0} observations): every force's report, 10 updates",
                $"{resident:N0} MiB peak", "1,024 MiB budget", resident / 1024, "< 1 GiB", resident < 1024);
            return [.. ReadModelResults(summaries[0]), memory, .. ValidationResults(summaries[1])];
        }
        finally
        {
            ReadModelFixture.DeleteAll();
        }
    }

    private static IEnumerable<BenchmarkResult> ReadModelResults(Summary summary)
    {
        foreach (var scale in ReadModelBenchmarks.Scales)
        {
            var rows = ReadModelFixture.For(scale, ReadModelBenchmarks.Quarters).Rows.Count;
            var of = $"{scale}x county ({rows:N0} observations in the read model)";
            var plain = Median(summary, nameof(ReadModelBenchmarks.PlainPass), scale);
            var baseline = $"{plain:0.00} ms plain in-memory pass";
            var rollup = Median(summary, nameof(ReadModelBenchmarks.CountyRollup), scale);
            var report = Median(summary, nameof(ReadModelBenchmarks.DeliveryReport), scale);
            var update = Median(summary, nameof(ReadModelBenchmarks.IncrementalUpdate), scale);
            var build = Median(summary, nameof(ReadModelBenchmarks.DeliveryReportBuildOnly), scale);
            var uncached = Median(summary, nameof(ReadModelBenchmarks.DeliveryReportUncached), scale);
            var updateThenReport = Median(summary, nameof(ReadModelBenchmarks.UpdateThenReport), scale);
            yield return new BenchmarkResult($"County rollup, {of}", $"{rollup:0.0} ms median", baseline, rollup / plain, "<= 20x the plain pass, <= 50 ms", rollup / plain <= 20 && rollup <= 50);
            yield return new BenchmarkResult($"Delivery Quarterly Report with comparisons, as served (report cache checked against the read model), {of}", $"{report:0.0} ms median", baseline, report / plain, "<= 20x the plain pass, <= 50 ms", report / plain <= 20 && report <= 50);
            yield return new BenchmarkResult($"Delivery Quarterly Report, a force's first (nothing cached: every figure read and combined), {of}", $"{uncached:0.0} ms median", baseline, uncached / plain, "none (once per force after a start)", true);
            yield return new BenchmarkResult($"Delivery Quarterly Report, building only (the force's rows already in memory, indexed on each build), {of}", $"{build:0.0} ms median", baseline, build / plain, "none (where the report's time goes)", true);
            yield return new BenchmarkResult($"Incremental update after one return (44 observations), {of}", $"{update:0.00} ms median", baseline, update / plain, "<= 5 ms", update <= 5);
            yield return new BenchmarkResult($"One return applied, then the report reflecting it (the cache patched with that return), {of}", $"{updateThenReport:0.0} ms median",
                $"update alone {update:0.00} ms, report alone {report:0.0} ms", updateThenReport / (update + report), "none (the report's incremental refresh)", true);
        }
    }

    private static IEnumerable<BenchmarkResult> ValidationResults(Summary summary)
    {
        var plain = Median(summary, nameof(ValidationBenchmarks.PlainPass), null);
        var validate = Median(summary, nameof(ValidationBenchmarks.Validate), null);
        yield return new BenchmarkResult("Validation of a 2,000-observation return", $"{validate:0.000} ms median", $"{plain:0.000} ms plain pass", validate / plain, "none set (reported)", true);
    }

    /// <summary>The median of one method (at one scale) in milliseconds; NaN when the case failed, so its row says so.</summary>
    private static double Median(Summary summary, string method, int? scale)
    {
        var report = summary.Reports.FirstOrDefault(r =>
            r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
            && (scale is null || Equals(r.BenchmarkCase.Parameters["Scale"], scale)));
        return report?.ResultStatistics is { } statistics ? statistics.Median / 1_000_000 : double.NaN;
    }
}
