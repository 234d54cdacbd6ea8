using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.Benchmarks.InProcess;
using Partnership.Reporting.Delivery;

namespace Partnership.Benchmarks;

/// <summary>
/// Publication day: every force's Delivery Quarterly Report (three comparisons, the series, the public
/// view, as the aggregator serves it) built by a freshly started aggregator, one after another and all
/// at once, beside one force's first report built as many times. Each mode runs in a process of its own
/// (<see cref="AggregatorMemory"/>'s way), so its wall time starts from the same cold cache and its
/// peak resident set (VmHWM) is its own. Every report is serialised and hashed, as a served report is
/// serialised; the modes must agree report for report, so a report that building all at once changes
/// stops the run.
/// </summary>
public sealed class PublicationDayBenchmark(string directory)
{
    public const string Argument = "--publication-day";
    public const string Name = "Publication day";

    public enum Mode
    {
        /// <summary>The baseline: one force's first report (a new report cache each time), built once per force of the dataset.</summary>
        OneReportRepeated,

        /// <summary>Every force's report, one after another, through one report cache as the aggregator keeps it.</summary>
        OneAfterAnother,

        /// <summary>Every force's report at once (a task on the thread pool each, as concurrent requests are), through one report cache.</summary>
        AllAtOnce,
    }

    public async Task<IReadOnlyList<BenchmarkResult>> RunAsync(int forces, int quarters, int runs, CancellationToken cancellationToken)
    {
        ReadModelFixture.Directory = directory;
        var fixture = ReadModelFixture.For(forces, quarters);
        var samples = Enum.GetValues<Mode>().ToDictionary(mode => mode, _ => new List<Built>());
        for (var run = 0; run < runs; run++)
        {
            // Interleaved, so a spell of load on the shared machine falls on every mode alike.
            foreach (var mode in Enum.GetValues<Mode>())
            {
                samples[mode].Add(await MeasureAsync(mode, forces, quarters, fixture.File, cancellationToken));
            }

            CheckAgree(samples[Mode.OneAfterAnother][run], samples[Mode.AllAtOnce][run], samples[Mode.OneReportRepeated][run], fixture.Force);
        }

        var of = $"{forces} forces ({fixture.Rows.Count:N0} observations), each force's Delivery report (three comparisons, series, public view) in a fresh aggregator process, warmed by one report";
        var baseline = samples[Mode.OneReportRepeated];
        var baselineTime = $"{Median(baseline, b => b.Milliseconds) / 1000:0.00} s: one force's first report built {forces} times";
        var baselinePeak = $"{Median(baseline, b => b.PeakMebibytes):N0} MiB: one force's first report built {forces} times";
        return [.. new[] { (Mode.OneAfterAnother, "one after another"), (Mode.AllAtOnce, "all at once") }.SelectMany(m => new[]
        {
            new BenchmarkResult($"{Name}, {m.Item2}, wall time: {of}", $"{Median(samples[m.Item1], b => b.Milliseconds) / 1000:0.00} s median of {runs}", baselineTime,
                Median(samples[m.Item1], b => b.Milliseconds) / Median(baseline, b => b.Milliseconds), "none (reported)", true),
            new BenchmarkResult($"{Name}, {m.Item2}, peak memory: {of}", $"{Median(samples[m.Item1], b => b.PeakMebibytes):N0} MiB peak (VmHWM of its own process)", baselinePeak,
                Median(samples[m.Item1], b => b.PeakMebibytes) / Median(baseline, b => b.PeakMebibytes), "< 1 GiB", Median(samples[m.Item1], b => b.PeakMebibytes) < 1024),
        })];
    }

    /// <summary>The child's work: builds the reports of one mode and prints each force's hash, then its wall time in ms and peak resident set in MiB.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        var at = Array.IndexOf(args, Argument);
        var mode = Enum.Parse<Mode>(args[at + 1]);
        var fixture = ReadModelFixture.Attach(int.Parse(args[at + 2], CultureInfo.InvariantCulture), int.Parse(args[at + 3], CultureInfo.InvariantCulture), args[at + 4]);
        // The process's start-up (JIT, EF's model and query compilation) is not publication day's work:
        // one report first, with a cache of its own that is dropped, so every mode starts equally warm.
        await ReportAsync(fixture, fixture.Force, NewCache(fixture));
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var hashes = mode switch
        {
            Mode.OneReportRepeated => await OneReportRepeatedAsync(fixture),
            Mode.OneAfterAnother => await OneAfterAnotherAsync(fixture),
            _ => await Task.WhenAll(fixture.Data.ForceCodes.Select(force => Task.Run(() => ReportAsync(fixture, force)))),
        };
        var milliseconds = watch.Elapsed.TotalMilliseconds;
        foreach (var (force, hash) in hashes)
        {
            Console.WriteLine($"{force} {hash}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0.0} {AggregatorMemory.PeakResidentMebibytes():0.0}"));
        return 0;
    }

    private static async Task<(string Force, string Hash)[]> OneReportRepeatedAsync(ReadModelFixture fixture)
    {
        var hashes = new List<(string, string)>();
        foreach (var _ in fixture.Data.ForceCodes)
        {
            hashes.Add(await ReportAsync(fixture, fixture.Force, NewCache(fixture)));
        }

        return [.. hashes];
    }

    private static ForceFiguresCache NewCache(ReadModelFixture fixture) =>
        new(fixture.Data.Catalogue, Options.Create(new ReportCacheOptions()), NullLogger<ForceFiguresCache>.Instance);

    private static async Task<(string Force, string Hash)[]> OneAfterAnotherAsync(ReadModelFixture fixture)
    {
        var hashes = new List<(string, string)>();
        foreach (var force in fixture.Data.ForceCodes)
        {
            hashes.Add(await ReportAsync(fixture, force));
        }

        return [.. hashes];
    }

    private static async Task<(string Force, string Hash)> ReportAsync(ReadModelFixture fixture, string force, ForceFiguresCache? cache = null)
    {
        await using var db = fixture.Open();
        var report = await fixture.DeliveryReportAsync(db, cache ?? fixture.Cache, force);
        return (force, Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(report))));
    }

    private static async Task<Built> MeasureAsync(Mode mode, int forces, int quarters, string file, CancellationToken cancellationToken)
    {
        var start = ChildProcess.StartInfo([Argument, mode.ToString(), forces.ToString(CultureInfo.InvariantCulture), quarters.ToString(CultureInfo.InvariantCulture), file]);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The publication day process did not start.");
        var output = child.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = child.StandardError.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var last = lines.Length == 0 ? [] : lines[^1].Split(' ');
        if (child.ExitCode != 0 || last.Length != 2
            || !double.TryParse(last[0], CultureInfo.InvariantCulture, out var milliseconds)
            || !double.TryParse(last[1], CultureInfo.InvariantCulture, out var mebibytes))
        {
            throw new InvalidOperationException($"The publication day process ({mode}) failed ({child.ExitCode}): {await errors}");
        }

        return new Built(milliseconds, mebibytes, [.. lines[..^1].Select(l => l.Split(' ')).Select(p => (p[0], p[1]))]);
    }

    /// <summary>Every force's report is the same however they were built, and every build of one force's report is the same.</summary>
    private static void CheckAgree(Built oneAfterAnother, Built allAtOnce, Built repeated, string force)
    {
        var expected = oneAfterAnother.Hashes.ToDictionary(h => h.Force, h => h.Hash, StringComparer.Ordinal);
        var differing = allAtOnce.Hashes.Where(h => expected.GetValueOrDefault(h.Force) != h.Hash).Select(h => h.Force).ToList();
        if (differing.Count > 0 || allAtOnce.Hashes.Count != expected.Count)
        {
            throw new InvalidOperationException($"Reports built all at once differ from those built one after another: {string.Join(", ", differing)} ({allAtOnce.Hashes.Count} of {expected.Count} built).");
        }

        if (repeated.Hashes.Any(h => h.Force != force || h.Hash != expected[force]))
        {
            throw new InvalidOperationException($"Repeated builds of {force}'s first report differ from each other or from its report among every force's.");
        }
    }

    private static double Median(List<Built> samples, Func<Built, double> figure) => new Sample(samples.Select(figure)).Median;

    private sealed record Built(double Milliseconds, double PeakMebibytes, IReadOnlyList<(string Force, string Hash)> Hashes);
}
