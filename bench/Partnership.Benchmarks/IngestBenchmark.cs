using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Partnership.Domain;
using Partnership.Security;
using Partnership.Submissions;
using Partnership.Submissions.Outbox;
using Partnership.Submissions.Storage;
using Partnership.Submissions.Validation;

namespace Partnership.Benchmarks;

/// <summary>
/// Bulk ingest: large returns (one district's whole history for one service) through the submission
/// pipeline on SQLite (validation, revision, observations and outbox in one transaction), against a raw
/// batched insert of the same rows into the same schema (one transaction, one prepared command).
/// Each run starts from an empty database file so both sides do the same work.
/// </summary>
public sealed class IngestBenchmark(NationalDataset data, string directory)
{
    private const string Service = "crime";

    public async Task<BenchmarkResult> RunAsync(int warmups, int runs, CancellationToken cancellationToken)
    {
        var returns = BuildReturns();
        var observations = returns.Sum(r => r.Observations.Count);

        var pipeline = await Timing.MeasureAsync(warmups, runs, async () =>
        {
            await using var db = await FreshDatabaseAsync(cancellationToken);
            var submit = new SubmissionPipeline<BenchDbContext>(
                db,
                new ServiceIdentity(Service, "bench-topic", Roles.CspSubmitter),
                new ReturnValidator(data.Catalogue, data.Geography, []),
                data.Catalogue,
                new OutboxSignal<BenchDbContext>(),
                TimeProvider.System,
                new BenchCaller(data.Geography),
                NullLogger<SubmissionPipeline<BenchDbContext>>.Instance);
            foreach (var submission in returns)
            {
                await submit.SubmitAsync(submission, cancellationToken);
                // A service handles each return in its own scope; do not let the tracker grow across returns.
                db.ChangeTracker.Clear();
            }
        });

        var raw = await Timing.MeasureAsync(warmups, runs, async () =>
        {
            await using var db = await FreshDatabaseAsync(cancellationToken);
            await RawInsertAsync((SqliteConnection)db.Database.GetDbConnection(), returns, cancellationToken);
        });

        var pipelineRate = observations / (pipeline.Median / 1000);
        var rawRate = observations / (raw.Median / 1000);
        return new BenchmarkResult(
            $"Bulk ingest, {data.Forces}x county ({returns.Count} returns, {observations:N0} observations)",
            $"{pipelineRate:N0} obs/s through the pipeline",
            $"{rawRate:N0} obs/s raw batched insert",
            pipelineRate / rawRate,
            "pipeline rate >= 0.30 x raw",
            pipelineRate / rawRate >= 0.30);
    }

    private List<ReturnSubmission> BuildReturns()
    {
        var window = Period.Months(data.Quarters[0].Start, data.Quarters[^1].End);
        var result = new List<ReturnSubmission>();
        var index = 0;
        for (var f = 1; f <= data.Forces; f++)
        {
            foreach (var district in data.DistrictsOf(f))
            {
                var rows = data.HistoryReturn(Service, index++);
                result.Add(new ReturnSubmission(Service, district, window, "bench", [.. rows.Select(r => new ObservationInput(r.Measure.Id, r.Period, r.Figure))]));
            }
        }

        return result;
    }

    private async Task<BenchDbContext> FreshDatabaseAsync(CancellationToken cancellationToken)
    {
        var file = Path.Combine(directory, $"ingest-{Guid.NewGuid():N}.db");
        var db = BenchDbContext.Open(file);
        await SchemaMigrator.MigrateAsync(db, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return db;
    }

    /// <summary>The floor: the same rows in the same representation EF writes, with nothing else done.</summary>
    private static async Task RawInsertAsync(SqliteConnection connection, IReadOnlyList<ReturnSubmission> returns, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insertReturn = RawInsert.Prepare(connection, transaction, "returns", "Id", "ReturnKey", "Service", "AreaCode", "PeriodKey", "Source", "Revision", "SubmittedBy", "SubmittedAt");
        await using var insertObservation = RawInsert.Prepare(connection, transaction, "observations",
            "ReturnId", "Ordinal", "MeasureId", "AreaCode", "PeriodKey", "Value", "Numerator", "Denominator", "Status", "Confidentiality", "Note", "Trend");
        foreach (var submission in returns)
        {
            var id = Guid.CreateVersion7().ToString().ToUpperInvariant();
            await insertReturn.ExecuteAsync(cancellationToken, id, submission.ReturnKey, submission.Service, submission.AreaCode, submission.Period.Key, "", 1,
                submission.SubmittedBy, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            for (var i = 0; i < submission.Observations.Count; i++)
            {
                var observation = submission.Observations[i];
                var figure = observation.Figure;
                await insertObservation.ExecuteAsync(cancellationToken, id, i, observation.MeasureId, submission.AreaCode, (observation.Period ?? submission.Period).Key,
                    figure.Value, figure.Numerator, figure.Denominator, "Final", "Free", "", "None");
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>A submitter for every area, so the benchmark measures the pipeline's checks, not a refusal.</summary>
internal sealed class BenchCaller(Geography geography) : ICallerContext
{
    public Caller Current { get; } = new(
        "Benchmark",
        "benchmark",
        geography.Areas.Select(a => a.Code).ToHashSet(StringComparer.Ordinal),
        new HashSet<string>(StringComparer.Ordinal) { Roles.CspSubmitter },
        "in-process");
}
