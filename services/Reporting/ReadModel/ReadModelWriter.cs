using System.Data.Common;
using Microsoft.EntityFrameworkCore;
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
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            DeliveryOutcome outcome;
            if (await ClaimReturnAsync(db, sql, update, now, cancellationToken))
            {
                // A claimed revision is newer than any the read model has seen, so its event is new:
                // no processed-event check is needed on this, the common, path.
                outcome = DeliveryOutcome.Processed;
                await RecordAsync(db, sql, update, outcome, now, replaceRows: true, cancellationToken);
                // Appended like a domain service's return (binary COPY, prepared INSERTs): change
                // tracking cost one statement and a key read-back per row.
                await BulkInsert.AppendAsync(db, observations, cancellationToken);
            }
            else
            {
                // The read model holds this revision or a newer one; the rare path, so one more query.
                var held = await db.ReturnVersions
                    .Where(r => r.ReturnKey == update.ReturnKey)
                    .Select(r => new { r.Revision, Recorded = db.ProcessedEvents.Any(e => e.EventId == update.EventId) })
                    .SingleAsync(cancellationToken);
                if (held.Recorded)
                {
                    return DeliveryOutcome.Duplicate;
                }

                outcome = held.Revision == update.Revision ? DeliveryOutcome.Duplicate : DeliveryOutcome.Stale;
                await RecordAsync(db, sql, update, outcome, now, replaceRows: false, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
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
    /// Records the event with its outcome and, for a claimed revision, deletes the rows of the one it
    /// replaces: both in one command, one round trip to PostgreSQL instead of two.
    /// </summary>
    private static Task<int> RecordAsync(
        ReportingDbContext db, ReadModelSql sql, QuarterlyUpdate update, DeliveryOutcome outcome, long now, bool replaceRows, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            replaceRows ? sql.ReplaceRowsAndRecordEvent : sql.RecordEvent,
            sql.RecordValues(new ProcessedEvent { EventId = update.EventId, ReturnKey = update.ReturnKey, Revision = update.Revision, Outcome = outcome, ReceivedAtMs = now }),
            cancellationToken);

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
    private static async Task<bool> ClaimReturnAsync(ReportingDbContext db, ReadModelSql sql, QuarterlyUpdate update, long now, CancellationToken cancellationToken)
    {
        var version = new ReturnVersion
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
        return await db.Database.ExecuteSqlRawAsync(sql.ClaimReturn, sql.ClaimValues(version), cancellationToken) == 1;
    }

    private async Task<bool> IsRecordedAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        return await db.ProcessedEvents.AnyAsync(e => e.EventId == eventId, cancellationToken);
    }
}
