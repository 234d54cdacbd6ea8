using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.Reporting.Delivery;

namespace Partnership.Benchmarks.InProcess;

/// <summary>
/// The aggregator's resident memory at a scale, measured in a process of its own so the benchmark's
/// in-memory copy of the dataset does not count: the child opens the read model, warms the report cache as the aggregator does at start, builds every force's
/// Delivery Quarterly Report and county rollup, applies incremental updates, and reports its peak
/// resident set (VmHWM). It composes the aggregator's query and handler classes, not its web host, so
/// the host's own few tens of MB are not in the figure.
/// </summary>
public static class AggregatorMemory
{
    public const string Argument = "--aggregator-memory";

    /// <summary>Runs the child against a read model file; returns its peak resident set in MiB.</summary>
    public static async Task<double> MeasureAsync(int scale, int quarters, string file, CancellationToken cancellationToken)
    {
        var start = ChildProcess.StartInfo([Argument, scale.ToString(CultureInfo.InvariantCulture), quarters.ToString(CultureInfo.InvariantCulture), file]);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The aggregator memory process did not start.");
        var output = child.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = child.StandardError.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (child.ExitCode != 0 || lines.Length == 0 || !double.TryParse(lines[^1], CultureInfo.InvariantCulture, out var mebibytes))
        {
            throw new InvalidOperationException($"The aggregator memory process failed ({child.ExitCode}): {await errors}");
        }

        return mebibytes;
    }

    /// <summary>The child's work; prints the peak resident set in MiB as its last line.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        var at = Array.IndexOf(args, Argument);
        var scale = int.Parse(args[at + 1], CultureInfo.InvariantCulture);
        var quarters = int.Parse(args[at + 2], CultureInfo.InvariantCulture);
        var fixture = ReadModelFixture.Attach(scale, quarters, args[at + 3]);
        // As the aggregator starts: the cache filled by the warm-up before the first report.
        var options = Options.Create(new ReportCacheOptions());
        await new ReportCacheWarmUp(fixture.Scopes, fixture.Cache, fixture.Data.Geography, new ReportCacheWarmth(), options, NullLogger<ReportCacheWarmUp>.Instance).WarmAsync(CancellationToken.None);
        foreach (var force in fixture.Data.ForceCodes)
        {
            await using var db = fixture.Open();
            await fixture.DeliveryReportAsync(db, force);
        }

        for (var i = 0; i < 10; i++)
        {
            await fixture.Handler.HandleAsync("bench-topic", fixture.NextUpdate(), CancellationToken.None);
            await using var db = fixture.Open();
            await fixture.RollupAsync(db);
        }

        Console.WriteLine(PeakResidentMebibytes().ToString("0.0", CultureInfo.InvariantCulture));
        return 0;
    }

    internal static double PeakResidentMebibytes()
    {
        // Linux: the high-water mark of the resident set; elsewhere the current working set is the best there is.
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return Environment.WorkingSet / (1024.0 * 1024.0);
    }
}
