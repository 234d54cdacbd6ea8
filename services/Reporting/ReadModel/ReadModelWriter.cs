using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Partnership.Contracts;
using Partnership.Contracts.Events.V1;
using Partnership.EventBus;
using Partnership.Storage;

namespace Partnership.Reporting.ReadModel;

/// <summary>
/// Writes a quarterly update into the read model, in one transaction: a revision newer than the one
/// held replaces the return's rows, an older one or a second delivery only records the event.
/// </summary>
internal sealed class ReadModelWriter(IServiceScopeFactory scopes, TimeProvider clock)
{
    // Built on first use from the model of this process's read model; the same for every context.
    private ReadModelSql? _sql;

    public async Task<DeliveryOutcome> WriteAsync(QuarterlyUpdate update, IReadOnlyList<ReportObservation> observations, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        var writes = scope.ServiceProvider.GetRequiredService<DatabaseWriteState<ReportingDbContext>>();
        try
        {
            var sql = _sql ??= new ReadModelSql(db);
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var outcome = db.Database.GetDbConnection() is NpgsqlConnection connection
                ? await WriteInOneBatchAsync(db, connection, sql, update, observations, now, cancellationToken)
                : await WriteInTransactionAsync(db, sql, update, observations, now, cancellationToken);
            writes.Succeeded();
            return outcome;
        }
        catch (DbException ex) when (ex.IsUniqueViolation())
        {
            // Only processed_events can still collide (the return's row is claimed by an upsert). The
            // other delivery of this event committed it: a duplicate. Anything else is not known to be
            // recorded, and acknowledging it could lose it, so the broker delivers it again.
            return await IsRecordedAsync(update.EventId, cancellationToken) ? DeliveryOutcome.Duplicate : DeliveryOutcome.Retry;
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex) && !DatabaseErrors.IsTransient(ex))
        {
            // Logged, and the aggregator reports itself not ready until a write succeeds; the broker
            // delivers the event again, so nothing is lost. A lock another writer holds is not this:
            // it passes, and the handler asks for redelivery without declaring the aggregator unready.
            writes.Failed(ex);
            return DeliveryOutcome.Retry;
        }
    }

    /// <summary>
    /// SQLite: claims the return, then replaces its rows or records why not, in a transaction
    /// (<c>BEGIN IMMEDIATE</c>: one writer at a time, so nothing interleaves).
    /// </summary>
    private static async Task<DeliveryOutcome> WriteInTransactionAsync(
        ReportingDbContext db, ReadModelSql sql, QuarterlyUpdate update, IReadOnlyList<ReportObservation> observations, long now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        DeliveryOutcome outcome;
        if (await ClaimReturnAsync(db, sql, update, now, cancellationToken))
        {
            // A claimed revision is newer than any the read model has seen, so its event is new:
            // no processed-event check is needed on this, the common, path.
            outcome = DeliveryOutcome.Processed;
            await RecordAsync(db, sql, update, outcome, now, replaceRows: true, cancellationToken);
            // Appended like a domain service's return (prepared multi-row INSERTs): change tracking
            // cost one statement and a key read-back per row.
            await BulkInsert.AppendAsync(db, observations, cancellationToken);
        }
        else
        {
            outcome = await RecordNotClaimedAsync(db, sql, update, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// PostgreSQL: the claim, the delete of the rows it replaces, the insert of the new rows and the
    /// event's record in one batch, one round trip: the apply is most of the time from a return's
    /// submit to its figures in the report, and a transaction of separate statements (and a binary
    /// COPY, two round trips of its own) took five.
    /// </summary>
    /// <remarks>
    /// The batch is its own transaction (PostgreSQL runs the statements before a sync as one implicit
    /// transaction: a failure rolls back all of them), so no BEGIN and COMMIT either. The statements
    /// after the claim cannot see its result, so each applies only if the return's row now names
    /// this event and the event is not recorded (<see cref="ReadModelSql.BatchedDelete"/>): true when
    /// the claim succeeded, false for a second delivery of the event and for an older or the same
    /// revision, which are then recorded as before, after the batch. The claim's lock on the return's
    /// row is held to the batch's end, so two revisions of a return still apply one after the other.
    /// </remarks>
    private static async Task<DeliveryOutcome> WriteInOneBatchAsync(
        ReportingDbContext db, NpgsqlConnection connection, ReadModelSql sql, QuarterlyUpdate update, IReadOnlyList<ReportObservation> observations, long now, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var batch = connection.CreateBatch();
        if (db.Database.GetCommandTimeout() is { } timeout)
        {
            batch.Timeout = timeout;
        }

        var claim = Command(batch, sql.BatchedClaim, sql.ClaimValues(Claimed(update, now)));
        Command(batch, sql.BatchedDelete, update.ReturnKey, update.EventId);
        Command(batch, sql.BatchedInsertRows, [update.ReturnKey, update.EventId, .. sql.RowArrays(observations)]);
        Command(batch, sql.BatchedRecord, sql.RecordValues(Processed(update, DeliveryOutcome.Processed, now)));
        // Prepared once per pooled connection, and a no-op after that: PostgreSQL then parses and plans
        // the four statements once, not on every update (measured faster on a busy machine).
        await batch.PrepareAsync(cancellationToken);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (claim.RecordsAffected == 1)
        {
            return DeliveryOutcome.Processed;
        }

        // Nothing was applied; one read and at most one insert, each its own transaction.
        return await RecordNotClaimedAsync(db, sql, update, now, cancellationToken);
    }

    private static NpgsqlBatchCommand Command(NpgsqlBatch batch, string text, params object[] values)
    {
        var command = new NpgsqlBatchCommand(text);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(command);
        return command;
    }

    /// <summary>
    /// The read model holds this revision or a newer one: records the event as a duplicate or stale,
    /// unless it is recorded already. The rare path, so one more query.
    /// </summary>
    private static async Task<DeliveryOutcome> RecordNotClaimedAsync(ReportingDbContext db, ReadModelSql sql, QuarterlyUpdate update, long now, CancellationToken cancellationToken)
    {
        var held = await db.ReturnVersions
            .Where(r => r.ReturnKey == update.ReturnKey)
            .Select(r => new { r.Revision, Recorded = db.ProcessedEvents.Any(e => e.EventId == update.EventId) })
            .SingleAsync(cancellationToken);
        if (held.Recorded)
        {
            return DeliveryOutcome.Duplicate;
        }

        var outcome = held.Revision == update.Revision ? DeliveryOutcome.Duplicate : DeliveryOutcome.Stale;
        await RecordAsync(db, sql, update, outcome, now, replaceRows: false, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Records the event with its outcome and, for a claimed revision, deletes the rows of the one it
    /// replaces: both in one command, one round trip to PostgreSQL instead of two.
    /// </summary>
    private static Task<int> RecordAsync(
        ReportingDbContext db, ReadModelSql sql, QuarterlyUpdate update, DeliveryOutcome outcome, long now, bool replaceRows, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            replaceRows ? sql.ReplaceRowsAndRecordEvent : sql.RecordEvent,
            sql.RecordValues(Processed(update, outcome, now)),
            cancellationToken);

    private static ProcessedEvent Processed(QuarterlyUpdate update, DeliveryOutcome outcome, long now) =>
        new() { EventId = update.EventId, ReturnKey = update.ReturnKey, Revision = update.Revision, Outcome = outcome, ReceivedAtMs = now };

    /// <summary>
    /// Records the update as the return's held revision if it is newer than the one held (or the
    /// first), in one statement; false when the read model already holds this revision or a newer one.
    /// </summary>
    /// <remarks>
    /// Deliveries of the same return arrive concurrently. A read of the held revision followed by a
    /// write lets two transactions both read the old revision on PostgreSQL (read committed): the
    /// lower revision could overwrite the higher, their observation rows could mix, and of two first
    /// revisions one lost the insert race. A conditional upsert decides and writes in one step, the
    /// same SQL on both providers: PostgreSQL locks the return's row (a concurrent insert of the same
    /// key waits for the first to commit, then takes the update branch and re-checks the revision),
    /// and that lock is held until commit, so the delete and insert of the return's observations that
    /// follow are serialised per return too; SQLite's <c>BEGIN IMMEDIATE</c> serialises everything.
    /// Chosen over a concurrency token (a losing revision would be retried by the broker, and a new
    /// return's insert race still needs telling apart) and over <c>SELECT ... FOR UPDATE</c> (nothing
    /// to lock before a return's first revision, and SQLite has no such clause); it also replaces
    /// the read of the held version, one round trip less.
    /// </remarks>
    private static async Task<bool> ClaimReturnAsync(ReportingDbContext db, ReadModelSql sql, QuarterlyUpdate update, long now, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(sql.ClaimReturn, sql.ClaimValues(Claimed(update, now)), cancellationToken) == 1;

    /// <summary>The return's row as the update would make it.</summary>
    private static ReturnVersion Claimed(QuarterlyUpdate update, long now) =>
        new()
        {
            ReturnKey = update.ReturnKey,
            SourceService = update.SourceService,
            AreaCode = update.AreaCode,
            PeriodKey = update.Period.ToDomain().Key,
            Revision = update.Revision,
            ReturnId = update.ReturnId,
            EventId = update.EventId,
            SubmittedBy = update.SubmittedBy,
            SubmittedAtMs = update.SubmittedAt?.ToDateTimeOffset().ToUnixTimeMilliseconds() ?? now,
            ReceivedAtMs = now,
        };

    private async Task<bool> IsRecordedAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        return await db.ProcessedEvents.AnyAsync(e => e.EventId == eventId, cancellationToken);
    }
}
