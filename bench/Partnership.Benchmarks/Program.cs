using Partnership.Benchmarks;
using Partnership.Benchmarks.InProcess;

// dotnet run -c Release --project bench/Partnership.Benchmarks -- [--smoke] [--only latency,sidecar,ingest,report,backfill,coldstart,publication] [--scales 1,4,16,43] [--runs 5] [--forces 43] [--calls 500]
if (args.Contains(AggregatorMemory.Argument))
{
    return await AggregatorMemory.RunChildAsync(args);
}

if (args.Contains(PublicationDayBenchmark.Argument))
{
    return await PublicationDayBenchmark.RunChildAsync(args);
}

var options = args.Contains("--smoke") ? SuiteOptions.Smoke : SuiteOptions.Full;
if (Argument("--only") is { } only)
{
    options = options with { Benchmarks = new HashSet<string>(only.Split(','), StringComparer.Ordinal) };
}

if (Argument("--scales") is { } scales)
{
    var list = scales.Split(',').Select(int.Parse).ToList();
    options = options with { IngestScales = list, ReportScales = list };
}

if (Argument("--runs") is { } runs)
{
    options = options with { Runs = int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture) };
}

if (Argument("--forces") is { } forces)
{
    options = options with { PublicationForces = int.Parse(forces, System.Globalization.CultureInfo.InvariantCulture) };
}

if (Argument("--calls") is { } calls)
{
    options = options with { Calls = int.Parse(calls, System.Globalization.CultureInfo.InvariantCulture) };
}

await BenchmarkSuite.RunAsync(options, Console.Out, CancellationToken.None);
return 0;

string? Argument(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
