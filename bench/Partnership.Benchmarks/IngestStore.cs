using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Partnership.Storage;
using Partnership.Submissions;
using Partnership.Testing;

namespace Partnership.Benchmarks;

/// <summary>
/// A database for the ingest benchmark: a fresh, empty one per run, and the raw floor for it, the same
/// rows in the same representation written the cheapest way the database takes them.
/// </summary>
public abstract class IngestStore : IAsyncDisposable
{
    public abstract string Name { get; }

    public abstract string RawMethod { get; }

    public abstract Task<BenchDbContext> FreshAsync(CancellationToken cancellationToken);

    public abstract Task RawInsertAsync(BenchDbContext db, IReadOnlyList<ReturnSubmission> returns, CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected static async Task<BenchDbContext> CreatedAsync(BenchDbContext db, CancellationToken cancellationToken)
    {
        await SchemaMigrator.MigrateAsync(db, cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        return db;
    }
}

/// <summary>SQLite files, as the embedded exchange keeps them; the floor is one prepared single-row INSERT per table.</summary>
public sealed class SqliteIngestStore(string directory) : IngestStore
{
    public override string Name => "SQLite";

    public override string RawMethod => "raw prepared insert";

    public override Task<BenchDbContext> FreshAsync(CancellationToken cancellationToken) =>
        CreatedAsync(BenchDbContext.Open(Path.Combine(directory, $"ingest-{Guid.NewGuid():N}.db")), cancellationToken);

    public override async Task RawInsertAsync(BenchDbContext db, IReadOnlyList<ReturnSubmission> returns, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
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

/// <summary>
/// A throwaway PostgreSQL server (installed binaries, fsync off as for the tests: it is a ratio on the
/// same server), a new database per run; the floor is binary COPY of both tables in one transaction.
/// </summary>
public sealed class PostgresIngestStore : IngestStore
{
    private readonly PostgresServer _server;

    private PostgresIngestStore(PostgresServer server) => _server = server;

    public static async Task<PostgresIngestStore> StartAsync() => new(await PostgresServer.StartAsync());

    public override string Name => "PostgreSQL";

    public override string RawMethod => "raw binary COPY";

    public override Task<BenchDbContext> FreshAsync(CancellationToken cancellationToken) =>
        CreatedAsync(BenchDbContext.OpenPostgres(_server.ConnectionString($"ingest_{Guid.NewGuid():N}")), cancellationToken);

    public override async Task RawInsertAsync(BenchDbContext db, IReadOnlyList<ReturnSubmission> returns, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = returns.Select(_ => Guid.CreateVersion7()).ToList();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY returns (\"Id\", \"ReturnKey\", \"Service\", \"AreaCode\", \"PeriodKey\", \"Source\", \"Revision\", \"SubmittedBy\", \"SubmittedAt\") FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (submission, id) in returns.Zip(ids))
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(submission.ReturnKey, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(submission.Service, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(submission.AreaCode, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(submission.Period.Key, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync("", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(submission.SubmittedBy, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(DateTimeOffset.UtcNow, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY observations (\"ReturnId\", \"Ordinal\", \"MeasureId\", \"AreaCode\", \"PeriodKey\", \"Value\", \"Numerator\", \"Denominator\", \"Status\", \"Confidentiality\", \"Note\", \"Trend\") FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var (submission, id) in returns.Zip(ids))
            {
                for (var i = 0; i < submission.Observations.Count; i++)
                {
                    var observation = submission.Observations[i];
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(observation.MeasureId, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(submission.AreaCode, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync((observation.Period ?? submission.Period).Key, NpgsqlDbType.Text, cancellationToken);
                    foreach (var part in new[] { observation.Figure.Value, observation.Figure.Numerator, observation.Figure.Denominator })
                    {
                        if (part is { } value)
                        {
                            await copy.WriteAsync(value, NpgsqlDbType.Numeric, cancellationToken);
                        }
                        else
                        {
                            await copy.WriteNullAsync(cancellationToken);
                        }
                    }

                    foreach (var text in new[] { "Final", "Free", "", "None" })
                    {
                        await copy.WriteAsync(text, NpgsqlDbType.Text, cancellationToken);
                    }
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public override ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return _server.DisposeAsync();
    }
}
