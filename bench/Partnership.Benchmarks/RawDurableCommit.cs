using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Partnership.Storage;

namespace Partnership.Benchmarks;

/// <summary>
/// The durable write a single return needs, and nothing else: one transaction that inserts the
/// return's row, its observation rows, its audit row and a 3 KB outbox row into the service's own
/// tables, then commits. It runs on a connection the service's context opened (so the same provider,
/// connection string and per-connection pragmas as the pipeline), with plain ADO.NET commands: no
/// change tracking, no model, no look-ups. Where the provider can send a batch (PostgreSQL), the
/// inserts go in one round trip, the observations as one multi-row INSERT; SQLite is in-process, so
/// it runs prepared statements one by one.
/// It is the floor the pipeline's "store return" span is measured against.
/// </summary>
public sealed class RawDurableCommit : IAsyncDisposable
{
    private const string ReturnSql = """INSERT INTO returns ("Id", "ReturnKey", "Service", "AreaCode", "PeriodKey", "Source", "Revision", "SubmittedBy", "SubmittedAt") VALUES (@id, @key, @service, @area, @period, '', 1, @by, @at)""";
    private const string ObservationSql = """INSERT INTO observations ("ReturnId", "Ordinal", "MeasureId", "AreaCode", "PeriodKey", "Value", "Numerator", "Denominator", "Status", "Confidentiality", "Note", "Trend") VALUES (@return, @ordinal, @measure, @area, @period, @value, NULL, NULL, 'Final', 'Free', '', 'None')""";
    private const string AuditSql = """INSERT INTO audit_trail ("OccurredAtMs", "Service", "Outcome", "Agency", "Subject", "ClientAddress", "AreaCode", "PeriodStart", "PeriodEnd", "PeriodLabel", "ReturnId", "Revision", "Detail") VALUES (@at, @service, 'Accepted', @by, @by, '127.0.0.1', @area, '2024-10-01', '2024-12-31', 'FY2024/25-Q3', @return, 1, '')""";
    private const string OutboxSql = """INSERT INTO outbox ("Id", "Topic", "ReturnId", "Data", "ContentType", "TraceParent", "CreatedAtMs", "NextAttemptAtMs", "PublishedAtMs", "Attempts", "LastError") VALUES (@id, 'observations', @return, @data, 'application/x-protobuf', NULL, @at, @due, NULL, 0, NULL)""";

    private readonly DbContext _owner;
    private readonly DbConnection _connection;
    private readonly bool _guidsAsText;
    private readonly Dictionary<string, DbCommand> _prepared = new(StringComparer.Ordinal);
    private readonly byte[] _payload = new byte[3 * 1024];
    private long _sequence;

    private RawDurableCommit(DbContext owner, DbConnection connection)
    {
        _owner = owner;
        _connection = connection;
        // EF stores a Guid in SQLite as upper-case text; binding it raw would store a blob instead.
        _guidsAsText = connection is Microsoft.Data.Sqlite.SqliteConnection;
        Random.Shared.NextBytes(_payload);
    }

    /// <summary>Opens a connection through <paramref name="db"/> (its interceptors set the pipeline's pragmas) and keeps it.</summary>
    public static async Task<RawDurableCommit> OpenAsync(DbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new RawDurableCommit(db, db.Database.GetDbConnection());
    }

    /// <summary>
    /// Commits one return of <paramref name="observations"/> rows under a key no other return has, and
    /// says how long each step took: taking the write lock (<c>BEGIN IMMEDIATE</c> on SQLite, which
    /// waits in the busy handler while another writer holds it; nothing on PostgreSQL, whose driver
    /// sends <c>BEGIN</c> with the first statement), the inserts, and the commit.
    /// </summary>
    public async Task<CommitPhases> CommitAsync(int observations, CancellationToken cancellationToken)
    {
        var returnId = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        var at = now.ToUnixTimeMilliseconds();
        const string area = LatencyBenchmark.Bradford;
        var statements = new List<(string Sql, (string Name, object? Value)[] Values)>(observations + 3)
        {
            (ReturnSql, [("id", Id(returnId)), ("key", $"bench-raw|{Interlocked.Increment(ref _sequence)}|{returnId:N}"), ("service", "crime-measures"), ("area", area), ("period", "FY2024/25-Q3"), ("by", "Bradford CSP"), ("at", now)]),
        };
        for (var i = 0; i < observations; i++)
        {
            statements.Add((ObservationSql, [("return", Id(returnId)), ("ordinal", i), ("measure", $"crime.measure_{i % 11}"), ("area", area), ("period", "FY2024/25-Q3"), ("value", 100m + i)]));
        }

        statements.Add((AuditSql, [("at", at), ("service", "crime-measures"), ("by", "Bradford CSP"), ("area", area), ("return", Id(returnId))]));
        // Never due: the service's dispatcher would otherwise pick the row up, fail to parse the random
        // payload and write a back-off every few calls, work and writes the pipeline's return never causes.
        statements.Add((OutboxSql, [("id", Id(Guid.CreateVersion7())), ("return", Id(returnId)), ("data", _payload), ("at", at), ("due", long.MaxValue)]));

        var start = Stopwatch.GetTimestamp();
        // A writer in the service's process, so it takes its turn at the write gate as the pipeline
        // does (SQLite only); the wait is counted in the write lock step. Released after the commit.
        using var gate = await SqliteWriteGate.EnterAsync(_owner, cancellationToken);
        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
        var begun = Stopwatch.GetTimestamp();
        if (_connection.CanCreateBatch)
        {
            await using var batch = _connection.CreateBatch();
            batch.Transaction = transaction;
            // The observations as one multi-row INSERT: 44 single-row statements, each parsed and
            // planned by the server, cost more than the store's whole span, so were no floor.
            foreach (var (sql, values) in MultiRow(statements))
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                Bind(command.Parameters, command.CreateParameter, values);
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            foreach (var (sql, values) in statements)
            {
                var command = Prepared(sql, values);
                command.Transaction = transaction;
                for (var i = 0; i < values.Length; i++)
                {
                    command.Parameters[i].Value = values[i].Value ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var inserted = Stopwatch.GetTimestamp();
        await transaction.CommitAsync(cancellationToken);
        var committed = Stopwatch.GetTimestamp();
        return new CommitPhases(
            Stopwatch.GetElapsedTime(start, begun).TotalMilliseconds,
            Stopwatch.GetElapsedTime(begun, inserted).TotalMilliseconds,
            Stopwatch.GetElapsedTime(inserted, committed).TotalMilliseconds);
    }

    /// <summary>
    /// Whether the service's outbox holds nothing the dispatcher would publish now: once it does not,
    /// the dispatcher's last write (marking the return's event published) has committed.
    /// </summary>
    public async Task<bool> OutboxDrainedAsync(CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM outbox WHERE "PublishedAtMs" IS NULL AND "NextAttemptAtMs" <= @now""";
        var now = command.CreateParameter();
        now.ParameterName = "now";
        now.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        command.Parameters.Add(now);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    /// <summary>The statements with every observation row folded into one INSERT, its parameters numbered per row.</summary>
    private static IEnumerable<(string Sql, (string Name, object? Value)[] Values)> MultiRow(List<(string Sql, (string Name, object? Value)[] Values)> statements)
    {
        var rows = statements.Where(s => s.Sql == ObservationSql).ToList();
        var valuesAt = ObservationSql.IndexOf(" VALUES ", StringComparison.Ordinal) + " VALUES ".Length;
        var tuple = ObservationSql[valuesAt..];
        var parameters = new List<(string Name, object? Value)>();
        var tuples = new List<string>(rows.Count);
        for (var row = 0; row < rows.Count; row++)
        {
            var text = tuple;
            foreach (var (name, value) in rows[row].Values)
            {
                text = text.Replace("@" + name, $"@{name}{row}", StringComparison.Ordinal);
                parameters.Add(($"{name}{row}", value));
            }

            tuples.Add(text);
        }

        foreach (var statement in statements.Where(s => s.Sql != ObservationSql))
        {
            yield return statement;
        }

        yield return (ObservationSql[..valuesAt] + string.Join(", ", tuples), [.. parameters]);
    }

    private static void Bind(DbParameterCollection parameters, Func<DbParameter> create, (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            parameters.Add(parameter);
        }
    }

    private object Id(Guid id) => _guidsAsText ? id.ToString().ToUpperInvariant() : id;

    private DbCommand Prepared(string sql, (string Name, object? Value)[] values)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            Bind(command.Parameters, command.CreateParameter, values);
            command.Prepare();
            _prepared[sql] = command;
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _prepared.Values)
        {
            await command.DisposeAsync();
        }

        await _owner.Database.CloseConnectionAsync();
    }
}

/// <summary>The milliseconds one raw commit spent taking the write lock, inserting, and committing.</summary>
public readonly record struct CommitPhases(double Begin, double Insert, double Commit)
{
    public double Total => Begin + Insert + Commit;
}
