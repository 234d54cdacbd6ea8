using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Partnership.Contracts;
using Partnership.Contracts.Events.V1;
using Partnership.Domain;
using Partnership.EventBus;
using Partnership.Submissions;
using Partnership.Submissions.Storage;

namespace Partnership.Reporting.ReadModel;

/// <summary>
/// Applies a quarterly update to the read model idempotently: the same event twice changes nothing,
/// and an older revision arriving after a newer one is ignored. The whole update is one transaction.
/// </summary>
public sealed partial class QuarterlyUpdateHandler(
    IServiceScopeFactory scopes,
    ReportChangeNotifier notifier,
    TimeProvider clock,
    ILogger<QuarterlyUpdateHandler> logger) : IQuarterlyUpdateSubscriber
{
    private static readonly Counter<long> Events = Telemetry.Meter.CreateCounter<long>("partnership.events.handled", description: "Quarterly updates handled, by outcome");

    public async Task<DeliveryOutcome> HandleAsync(string topic, QuarterlyUpdate update, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity("apply quarterly update", ActivityKind.Consumer);
        activity?.SetTag("partnership.return_id", update.ReturnId);
        activity?.SetTag("partnership.area", update.AreaCode);
        activity?.SetTag("messaging.message.id", update.EventId);

        var outcome = await ApplyAsync(update, cancellationToken);
        activity?.SetTag("partnership.outcome", outcome.ToString());
        Count(topic, outcome);
        LogHandled(update.EventId, update.ReturnKey, update.Revision, outcome);
        if (outcome == DeliveryOutcome.Processed)
        {
            notifier.Changed(update.AreaCode);
        }

        return outcome;
    }

    /// <summary>Counts a delivery's outcome, also for one the subscription endpoint dropped before it reached the handler.</summary>
    public static void Count(string topic, DeliveryOutcome outcome) =>
        Events.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()), new KeyValuePair<string, object?>("topic", topic));

    private async Task<DeliveryOutcome> ApplyAsync(QuarterlyUpdate update, CancellationToken cancellationToken)
    {
        if (!TryRead(update, out var observations, out var reason))
        {
            LogDropped(update.EventId, reason);
            return DeliveryOutcome.Drop;
        }

        try
        {
            return await WriteAsync(update, observations, cancellationToken);
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            LogTransient(update.EventId, ex);
            return DeliveryOutcome.Retry;
        }
    }

    private async Task<DeliveryOutcome> WriteAsync(QuarterlyUpdate update, List<ReportObservation> observations, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            DeliveryOutcome outcome;
            if (await ClaimReturnAsync(db, update, now, cancellationToken))
            {
                // A claimed revision is newer than any the read model has seen, so its event is new:
                // no processed-event check is needed on this, the common, path.
                outcome = DeliveryOutcome.Processed;
                await RecordAsync(db, update, outcome, now, replaceRows: true, cancellationToken);
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
                await RecordAsync(db, update, outcome, now, replaceRows: false, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return outcome;
        }
        catch (DbException ex) when (ex.IsUniqueViolation())
        {
            // Only processed_events can still collide (the return's row is claimed by an upsert). The
            // other delivery of this event committed it: a duplicate. Anything else is not known to be
            // recorded, and acknowledging it could lose it, so the broker delivers it again.
            return await IsRecordedAsync(update.EventId, cancellationToken) ? DeliveryOutcome.Duplicate : DeliveryOutcome.Retry;
        }
    }

    private const string RecordEvent =
        "INSERT INTO processed_events (\"EventId\", \"ReturnKey\", \"Revision\", \"Outcome\", \"ReceivedAtMs\") VALUES ({0}, {1}, {2}, {3}, {4})";

    private const string ReplaceRowsAndRecordEvent = "DELETE FROM observations WHERE \"ReturnKey\" = {1}; " + RecordEvent;

    /// <summary>
    /// Records the event with its outcome and, for a claimed revision, deletes the rows of the one it
    /// replaces: both in one command, one round trip to PostgreSQL instead of two.
    /// </summary>
    private static Task<int> RecordAsync(
        ReportingDbContext db, QuarterlyUpdate update, DeliveryOutcome outcome, long now, bool replaceRows, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            replaceRows ? ReplaceRowsAndRecordEvent : RecordEvent,
            [update.EventId, update.ReturnKey, update.Revision, outcome.ToString(), now],
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
    private static async Task<bool> ClaimReturnAsync(ReportingDbContext db, QuarterlyUpdate update, long now, CancellationToken cancellationToken)
    {
        var submittedAtMs = update.SubmittedAt?.ToDateTimeOffset().ToUnixTimeMilliseconds() ?? now;
        var claimed = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO return_versions ("ReturnKey", "SourceService", "AreaCode", "PeriodKey", "Revision", "ReturnId", "EventId", "SubmittedBy", "SubmittedAtMs", "ReceivedAtMs")
            VALUES ({update.ReturnKey}, {update.SourceService}, {update.AreaCode}, {update.Period.ToDomain().Key}, {update.Revision}, {update.ReturnId}, {update.EventId}, {update.SubmittedBy}, {submittedAtMs}, {now})
            ON CONFLICT ("ReturnKey") DO UPDATE SET
                "Revision" = excluded."Revision", "ReturnId" = excluded."ReturnId", "EventId" = excluded."EventId",
                "SubmittedBy" = excluded."SubmittedBy", "SubmittedAtMs" = excluded."SubmittedAtMs", "ReceivedAtMs" = excluded."ReceivedAtMs"
            WHERE return_versions."Revision" < excluded."Revision"
            """,
            cancellationToken);
        return claimed == 1;
    }

    private async Task<bool> IsRecordedAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        return await db.ProcessedEvents.AnyAsync(e => e.EventId == eventId, cancellationToken);
    }

    /// <summary>
    /// Reads an update into read-model rows, or says why it can never be applied (the reason a
    /// dead letter is recorded with).
    /// </summary>
    public static bool TryRead(QuarterlyUpdate update, out List<ReportObservation> observations, out string reason)
    {
        observations = [];
        if (update.ContractVersion != EventTopics.QuarterlyUpdateContractVersion)
        {
            reason = $"contract version {update.ContractVersion} is not known to this aggregator (it reads version {EventTopics.QuarterlyUpdateContractVersion})";
            return false;
        }

        try
        {
            observations = [.. update.Observations.Select(o => ToRow(update, o))];
        }
        catch (FormatException ex)
        {
            reason = $"the event cannot be read: {ex.Message}";
            return false;
        }

        if (string.IsNullOrEmpty(update.EventId) || string.IsNullOrEmpty(update.ReturnKey) || update.Revision < 1)
        {
            reason = "the event cannot be read: it has no id, return key or revision";
            return false;
        }

        reason = "";
        return true;
    }

    internal static bool IsTransient(Exception ex) => ex switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        NpgsqlException npgsql => npgsql.IsTransient,
        DbUpdateException { InnerException: { } inner } => IsTransient(inner),
        InvalidOperationException { InnerException: { } inner } => IsTransient(inner),
        TimeoutException => true,
        _ => false,
    };

    private static ReportObservation ToRow(QuarterlyUpdate update, Contracts.Common.V1.Observation observation)
    {
        var domain = observation.ToDomain();
        return new ReportObservation
        {
            ReturnKey = update.ReturnKey,
            ReturnId = update.ReturnId,
            Revision = update.Revision,
            MeasureId = domain.MeasureId,
            AreaCode = domain.AreaCode,
            PeriodKey = domain.Period.Key,
            Value = domain.Figure.Value,
            Numerator = domain.Figure.Numerator,
            Denominator = domain.Figure.Denominator,
            Status = domain.Status,
            Confidentiality = domain.Confidentiality,
            Note = domain.Note,
            Trend = domain.Trend,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} for {ReturnKey} revision {Revision}: {Outcome}")]
    private partial void LogHandled(string eventId, string returnKey, int revision, DeliveryOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} is dropped: {Reason}")]
    private partial void LogDropped(string eventId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} hit a transient failure; asking for redelivery")]
    private partial void LogTransient(string eventId, Exception exception);
}
