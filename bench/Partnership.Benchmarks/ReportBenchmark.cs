using Partnership.Domain;
using Partnership.Reporting.ReadModel;
using Partnership.Reporting.Rollups;

namespace Partnership.Benchmarks;

/// <summary>
/// One force's county rollup for one quarter, built by <see cref="CountyRollupQuery"/> from a read model
/// holding the whole dataset (a fresh context per report, as a request has), against a plain
/// in-memory pass over the same observations that sums the force's figures for the quarter.
/// </summary>
public sealed class ReportBenchmark(NationalDataset data, string file, IReadOnlyList<ReportObservation> rows)
{
    public async Task<(BenchmarkResult Ratio, BenchmarkResult Absolute)> RunAsync(int warmups, int runs, CancellationToken cancellationToken)
    {
        // The middle force and a recent quarter: nothing about the first or last rows is special-cased.
        var force = NationalDataset.ForceCode((data.Forces + 1) / 2);
        var quarter = data.Quarters[^2];

        var report = await Timing.MeasureAsync(warmups, runs, async () =>
        {
            await using var db = ReadModelStore.Open(file);
            var rollup = await new CountyRollupQuery(db, data.Catalogue, data.Geography).GetAsync(force, quarter, cancellationToken);
            if (rollup.Measures.Count == 0)
            {
                throw new InvalidOperationException($"The rollup for {force} {quarter.Label} is empty: the benchmark would measure nothing.");
            }
        });

        var areas = data.Geography.DistrictsOf(force, quarter.End).Select(d => d.Code).Append(force).ToHashSet(StringComparer.Ordinal);
        var plain = await Timing.MeasureAsync(warmups, runs, () =>
        {
            PlainPass(rows, areas, quarter.Key);
            return Task.CompletedTask;
        });

        var ratio = report.Median / plain.Median;
        var name = $"County rollup, {data.Forces}x county ({rows.Count:N0} observations in the read model)";
        return (
            new BenchmarkResult(name, $"{report.Median:0.0} ms median, {report.Percentile(95):0.0} ms p95", $"{plain.Median:0.00} ms plain in-memory pass", ratio, "<= 20x the plain pass", ratio <= 20),
            new BenchmarkResult(name, $"{report.Median:0.0} ms median", "50 ms budget", report.Median / 50, "<= 50 ms", report.Median <= 50));
    }

    /// <summary>The least work that gives the force's quarter totals: one scan, a dictionary of sums.</summary>
    public static Dictionary<string, (decimal Value, decimal Numerator, decimal Denominator)> PlainPass(IReadOnlyList<ReportObservation> rows, IReadOnlySet<string> areas, string periodKey)
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
}
