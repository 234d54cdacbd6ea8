using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Partnership.Cli;
using Partnership.CrimeMeasures;
using Partnership.Domain;
using Partnership.Security;
using Partnership.ServiceDefaults;
using Partnership.Submissions;
using Partnership.Testing;
using SubmittedObservation = Partnership.Submissions.ObservationInput;

namespace Partnership.Benchmarks;

/// <summary>
/// A backfill through the front door: every quarter's crime return for every district of West
/// Yorkshire as CSV files, submitted by the CLI's <c>backfill</c> command to crime measures in an
/// in-process host (SQLite), file by file over gRPC as a partner would. Beside it, in the same run, the
/// ingest benchmark's raw write of the same rows (<see cref="SqliteIngestStore"/>).
/// </summary>
public sealed class BackfillBenchmark(string directory)
{
    public const string Name = "Backfill through the CLI";

    private const int Seed = 22;

    public async Task<BenchmarkResult> RunAsync(int quarters, int warmups, int runs, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.Combine(directory, "backfill-returns")).FullName;
        var returns = WriteReturns(folder, quarters);
        var observations = returns.Sum(r => r.Observations.Count);

        var backfill = await TimeBackfillAsync(folder, cancellationToken);
        await using var store = new SqliteIngestStore(directory);
        var raw = await Timing.MeasureAsync(warmups, runs, () => store.FreshAsync(cancellationToken), db => store.RawInsertAsync(db, returns, cancellationToken));

        var backfillRate = observations / backfill.TotalSeconds;
        var rawRate = observations / (raw.Median / 1000);
        return new BenchmarkResult(
            $"{Name}, SQLite ({returns.Count} files, {Areas.WestYorkshireDistricts.Count} districts x {quarters} quarters, {observations:N0} observations)",
            $"{backfillRate:N0} obs/s ({backfill.TotalSeconds:0.00} s)",
            $"{rawRate:N0} obs/s {store.RawMethod} (the ingest benchmark's floor, same rows)",
            backfillRate / rawRate,
            "none set: recorded",
            Met: true);
    }

    /// <summary>Runs <c>partnership backfill</c> once against a fresh host; the host's start-up is not timed.</summary>
    private async Task<TimeSpan> TimeBackfillAsync(string folder, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration["Storage:Provider"] = "sqlite";
        builder.Configuration["Storage:DataDirectory"] = Path.Combine(directory, "backfill-db");
        builder.Configuration["EventBus:Transport"] = "inprocess";
        builder.Configuration["Auth:DevelopmentIssuer:Enabled"] = "true";
        builder.AddServiceDefaults();
        builder.AddCrimeMeasures();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapCrimeMeasures();
        await app.StartAsync(cancellationToken);

        using var handler = app.GetTestServer().CreateHandler();
        var token = TestTokens.For("West Yorkshire CSP", Areas.WestYorkshireDistricts, [Roles.CspSubmitter]);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var start = Stopwatch.GetTimestamp();
        var exit = await CliApp.RunAsync(
            ["backfill", folder, "--service", "crime", "--token", token, "--url", "http://localhost"], TextWriter.Null, error, CliOptions.ForHandler(handler), cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start);
        await app.StopAsync(cancellationToken);
        return exit == ExitCodes.Success ? elapsed : throw new InvalidOperationException($"The backfill stopped (exit {exit}): {error}");
    }

    /// <summary>
    /// One file per district and quarter from FY2016/17, each count and ratio measure of crime measures
    /// that takes a quarter, with figures from a seed; the same rows are returned for the raw write.
    /// </summary>
    private static List<ReturnSubmission> WriteReturns(string folder, int quarters)
    {
        var catalogue = MeasureCatalogue.Load();
        var measures = catalogue.ForService(Partnership.CrimeMeasures.Extensions.Identity.Name)
            .Where(m => m.Level == SubmissionLevel.District && m.AllowsCadence(PeriodKind.Quarter) && m.Kind is FigureKind.Count or FigureKind.Ratio)
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .ToList();
        var random = new Random(Seed);
        var returns = new List<ReturnSubmission>();
        foreach (var district in Areas.WestYorkshireDistricts)
        {
            for (var q = 0; q < quarters; q++)
            {
                var quarter = Period.FinancialQuarter(NationalDataset.FirstFinancialYear + (q / 4), (q % 4) + 1);
                var rows = measures.Select(m => new SubmittedObservation(m.Id, null, NationalDataset.FigureFor(m, random))).ToList();
                File.WriteAllLines(
                    Path.Combine(folder, $"{district}-{quarter.Label.Replace('/', '-')}.csv"),
                    ["measure,area,period,value,numerator,denominator,status", .. rows.Select(r => Row(r, district, quarter))]);
                returns.Add(new ReturnSubmission("crime", district, quarter, "bench", rows));
            }
        }

        return returns;
    }

    private static string Row(SubmittedObservation row, string district, Period quarter) =>
        string.Create(CultureInfo.InvariantCulture, $"{row.MeasureId},{district},{quarter.Label},{row.Figure.Value},{row.Figure.Numerator},{row.Figure.Denominator},final");
}
