namespace Partnership.Benchmarks;

/// <summary>What to run: which benchmarks, at which scales, how many times.</summary>
public sealed record SuiteOptions(IReadOnlySet<string> Benchmarks, IReadOnlyList<int> IngestScales, IReadOnlyList<int> ReportScales, int Quarters, int Warmups, int Runs, int Calls)
{
    /// <summary>How many forces publication day builds reports for; the smoke run's four still build them all at once.</summary>
    public int PublicationForces { get; init; } = NationalDataset.NationalForces;

    public static readonly IReadOnlySet<string> All = new HashSet<string>(["ingest", "report", "latency", "sidecar", "backfill", "coldstart", "publication"], StringComparer.Ordinal);

    /// <summary>Seconds, not minutes: one county, a year of quarters, one timed run of each. Proves each benchmark runs.</summary>
    public static SuiteOptions Smoke { get; } = new(All, [1], [1], Quarters: 4, Warmups: 0, Runs: 1, Calls: 10) { PublicationForces = 4 };

    /// <summary>The measured run behind docs/performance.md.</summary>
    public static SuiteOptions Full { get; } = new(All, [1, 4, 16], [1, 4, 16, NationalDataset.NationalForces], Quarters: 40, Warmups: 1, Runs: 5, Calls: 500);
}

public static class BenchmarkSuite
{
    public static async Task<IReadOnlyList<BenchmarkResult>> RunAsync(SuiteOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("partnership-bench-").FullName;
        var results = new List<BenchmarkResult>();
        try
        {
            output.WriteLine($"# Partnership benchmarks: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            output.WriteLine("| benchmark | figure | baseline (same run) | ratio | target | |");
            output.WriteLine("|---|---|---|---|---|---|");

            if (options.Benchmarks.Contains("latency"))
            {
                // Enough calls before timing for the runtime's tiered JIT to have recompiled the hot path
                // (a method is recompiled optimised after 30 calls and a quiet 100 ms): with 20, the
                // first store's timed calls still ran unoptimised code, which inflated its figures.
                foreach (var result in await new LatencyBenchmark(directory).RunAsync(Math.Min(options.Calls, LatencyBenchmark.Warmups), options.Calls, cancellationToken))
                {
                    Report(output, results, result);
                }
            }

            if (options.Benchmarks.Contains("sidecar"))
            {
                Report(output, results, await new SidecarFreshnessBenchmark().RunAsync(Math.Min(options.Calls, 20), options.Calls, cancellationToken));
            }

            if (options.Benchmarks.Contains("ingest"))
            {
                await using var sqlite = new SqliteIngestStore(directory);
                await using var postgres = await PostgresIngestStore.StartAsync();
                foreach (var store in new IngestStore[] { sqlite, postgres })
                {
                    foreach (var scale in options.IngestScales)
                    {
                        var data = NationalDataset.Create(scale, options.Quarters);
                        Report(output, results, await new IngestBenchmark(data, store).RunAsync(options.Warmups, options.Runs, cancellationToken));
                    }
                }
            }

            if (options.Benchmarks.Contains("backfill"))
            {
                Report(output, results, await new BackfillBenchmark(directory).RunAsync(options.Quarters, options.Warmups, options.Runs, cancellationToken));
            }

            if (options.Benchmarks.Contains("coldstart"))
            {
                // Before the report benchmarks, which use the same read models and delete them when done.
                InProcess.ReadModelFixture.Directory = directory;
                foreach (var scale in options.ReportScales)
                {
                    foreach (var result in await InProcess.ColdStart.RunAsync(scale, options.Quarters, options.Runs, cancellationToken))
                    {
                        Report(output, results, result);
                    }
                }
            }

            if (options.Benchmarks.Contains("publication"))
            {
                foreach (var result in await new PublicationDayBenchmark(directory).RunAsync(options.PublicationForces, options.Quarters, options.Runs, cancellationToken))
                {
                    Report(output, results, result);
                }

                // The report benchmarks reuse the read model when they run too, and delete it after.
                if (!options.Benchmarks.Contains("report"))
                {
                    InProcess.ReadModelFixture.DeleteAll();
                }
            }

            if (options.Benchmarks.Contains("report"))
            {
                // BenchmarkDotNet prints its own tables as it goes; the rows against the targets follow.
                var rows = InProcess.InProcessRunner.Run(options, directory, output);
                output.WriteLine("| benchmark | figure | baseline (same run) | ratio | target | |");
                output.WriteLine("|---|---|---|---|---|---|");
                foreach (var result in rows)
                {
                    Report(output, results, result);
                }
            }
        }
        finally
        {
            WriteBreakdowns(output, results);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A database file still open; the OS temp cleaner will have it.
            }
        }

        return results;
    }

    private static void WriteBreakdowns(TextWriter output, List<BenchmarkResult> results)
    {
        var explained = results.Where(r => r.Breakdown is { Length: > 0 }).ToList();
        if (explained.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Where the time went (mean per span of the exchange's own traces; across processes, from each call's own times and the aggregator's stamp):");
            foreach (var result in explained)
            {
                output.WriteLine($"- {result.Name}: {result.Breakdown}");
            }
        }
    }

    private static void Report(TextWriter output, List<BenchmarkResult> results, BenchmarkResult result)
    {
        results.Add(result);
        output.WriteLine(result.ToRow());
        output.Flush();
    }
}
