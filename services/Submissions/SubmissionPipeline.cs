using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Partnership.Domain;
using Partnership.Security;
using Partnership.Storage;
using Partnership.Submissions.Audit;
using Partnership.Submissions.Outbox;
using Partnership.Submissions.Security;
using Partnership.Submissions.Storage;
using Partnership.Submissions.Validation;
using Telemetry = Partnership.ServiceDefaults.Telemetry;

namespace Partnership.Submissions;

/// <summary>
/// The write path every domain service shares: check the caller may submit this return, validate
/// against the catalogue and the service's rules, assign the next revision, store the return, its
/// outbox record and its audit entry in one transaction, then hand the dispatcher its events. Denied and
/// rejected attempts are audited too. Stored returns are read back by <see cref="ReturnReader{TContext}"/>.
/// </summary>
public sealed partial class SubmissionPipeline<TContext>(
    TContext db,
    ServiceIdentity identity,
    ReturnValidator validator,
    MeasureCatalogue catalogue,
    OutboxSignal<TContext> signal,
    TimeProvider clock,
    ICallerContext callers,
    DatabaseWriteState<TContext> writes,
    ILogger<SubmissionPipeline<TContext>> logger)
    where TContext : SubmissionDbContext
{
    private const int MaxRevisionAttempts = 5;

    private static readonly Counter<long> Accepted = Telemetry.Meter.CreateCounter<long>("partnership.returns.accepted", description: "Returns accepted");
    private static readonly Counter<long> Rejected = Telemetry.Meter.CreateCounter<long>("partnership.returns.rejected", description: "Returns rejected by validation");
    private static readonly Counter<long> ObservationsStored = Telemetry.Meter.CreateCounter<long>("partnership.observations.stored", description: "Observations stored");

    // The revision look-up in each model's names (one model per context type and provider).
    private static readonly ModelCache<string> LastRevisionSql = new(db =>
    {
        var returns = MappedTable.Of<StoredReturn>(db);
        return $"SELECT MAX({returns.Column(nameof(StoredReturn.Revision))}) FROM {returns.Name} WHERE {returns.Column(nameof(StoredReturn.ReturnKey))} = @key";
    });

    public async Task<AcceptedReturn> SubmitAsync(ReturnSubmission submission, CancellationToken cancellationToken) =>
        (await SubmitAllAsync([submission], (_, field) => field, cancellationToken))[0];

    /// <summary>
    /// Submits several returns that arrived together (one per court of a file) whole or not at all:
    /// every return is validated first, and all are stored with their outbox records in one transaction.
    /// <paramref name="fieldOf"/> names a violation's field for the caller, from the return's index
    /// and the field within that return (e.g. <c>observations[2].value</c>).
    /// </summary>
    public async Task<IReadOnlyList<AcceptedReturn>> SubmitAllAsync(
        IReadOnlyList<ReturnSubmission> submissions, Func<int, string, string> fieldOf, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity("submit return");
        var caller = callers.Current;
        activity?.SetTag("partnership.service", identity.Name);
        activity?.SetTag("partnership.agency", caller.Agency);
        activity?.SetTag("partnership.area", submissions.FirstOrDefault()?.AreaCode);
        activity?.SetTag("partnership.period", submissions.FirstOrDefault()?.Period.Label);

        foreach (var submission in submissions)
        {
            await AuthorizeAsync(submission, cancellationToken);
        }

        // The record says who the token says, whatever the request claimed.
        submissions = [.. submissions.Select(s => s with { SubmittedBy = caller.Agency })];
        var violations = new List<FieldViolation>();
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (submission, index) in submissions.Select((s, i) => (s, i)))
        {
            if (!keys.TryAdd(submission.ReturnKey, index))
            {
                violations.Add(new FieldViolation(fieldOf(index, FieldViolation.WholeReturn), $"the same return ({submission.AreaCode} {submission.Period.Label} {submission.Source}) appears twice, first at {fieldOf(keys[submission.ReturnKey], FieldViolation.WholeReturn)}"));
            }

            var found = Validate(submission);
            if (found.Count > 0)
            {
                LogRejected(submission.AreaCode, submission.Period.Label, found.Count);
                violations.AddRange(found.Select(v => v with { Field = fieldOf(index, v.Field) }));
            }
        }

        if (violations.Count > 0)
        {
            Rejected.Add(1, new KeyValuePair<string, object?>("service", identity.Name), new KeyValuePair<string, object?>("reason", "validation"));
            foreach (var submission in submissions)
            {
                await AuditAsync(AuditEntries.For(identity, caller, submission, AuditOutcome.Rejected, clock.GetUtcNow(), $"{violations.Count} problem(s) in the submission"), cancellationToken);
            }

            throw new ReturnRejectedException(violations);
        }

        // Racing submissions for the same return both read the same last revision; the unique index
        // lets one win and the other retries with the next number, so both end as ordered revisions.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var accepted = await writes.RunAsync(() => StoreAsync(submissions, caller, cancellationToken));
                activity?.SetTag("partnership.return_id", string.Join(",", accepted.Select(a => a.ReturnId)));
                foreach (var (submission, stored) in submissions.Zip(accepted))
                {
                    Accepted.Add(1, new KeyValuePair<string, object?>("service", identity.Name));
                    ObservationsStored.Add(stored.ObservationCount, new KeyValuePair<string, object?>("service", identity.Name));
                    LogAccepted(submission.AreaCode, submission.Period.Label, stored.Revision, stored.ReturnId, stored.ObservationCount);
                }

                return accepted;
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() && attempt < MaxRevisionAttempts)
            {
                db.ChangeTracker.Clear();
                LogRevisionRace(submissions[0].AreaCode, submissions[0].Period.Label, attempt);
            }
        }
    }

    /// <summary>
    /// Refuses (and audits) a caller who may not submit this return. <see cref="SubmitAsync"/> checks
    /// first thing; a service with checks of its own before the pipeline calls this before them, so an
    /// intruder learns nothing from their answers.
    /// </summary>
    public async Task AuthorizeAsync(ReturnSubmission submission, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        if (SubmissionAccess.DenialReason(caller, identity, submission.AreaCode) is { } denial)
        {
            Rejected.Add(1, new KeyValuePair<string, object?>("service", identity.Name), new KeyValuePair<string, object?>("reason", "denied"));
            LogDenied(caller.Agency, caller.Subject, submission.AreaCode, submission.Period.Label, denial);
            await AuditAsync(AuditEntries.For(identity, caller, submission, AuditOutcome.Denied, clock.GetUtcNow(), denial), cancellationToken);
            throw new AccessDeniedException(denial);
        }
    }

    /// <summary>
    /// Records a caller its method's policy refused for lacking this service's submitter role. The
    /// policy refuses before the request is read, so the entry names no area or period.
    /// </summary>
    public async Task RecordRoleDenialAsync(string reason, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        Rejected.Add(1, new KeyValuePair<string, object?>("service", identity.Name), new KeyValuePair<string, object?>("reason", "denied"));
        LogDenied(caller.Agency, caller.Subject, "", "", reason);
        await AuditAsync(AuditEntries.ForRequest(identity, caller, "", null, AuditOutcome.Denied, clock.GetUtcNow(), reason), cancellationToken);
    }

    private IReadOnlyList<FieldViolation> Validate(ReturnSubmission submission)
    {
        using var activity = Telemetry.Source.StartActivity("validate return");
        return validator.Validate(submission);
    }

    /// <summary>Writes a denied or rejected attempt on its own: nothing else of it is stored.</summary>
    private async Task AuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        db.Audit.Add(entry);
        await writes.RunAsync(() => db.SaveChangesAsync(cancellationToken));

        db.ChangeTracker.Clear();
    }

    private async Task<IReadOnlyList<AcceptedReturn>> StoreAsync(IReadOnlyList<ReturnSubmission> submissions, Caller caller, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity("store return");
        // EF wraps a SaveChanges inside our transaction in a savepoint, two more round trips on
        // PostgreSQL; a failed store rolls the whole transaction back and retries from the start, so
        // the savepoint never has anything to keep.
        db.Database.AutoSavepointsEnabled = false;
        // On SQLite this waits its turn at the file's write gate (SqliteWriteGateInterceptor): the
        // dispatcher and this service's other writers queue there, not in SQLite's sleeping busy handler.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var accepted = new List<AcceptedReturn>();
        var rows = new UnitOfWork();
        foreach (var submission in submissions)
        {
            accepted.Add(await AddAsync(submission, caller, rows, cancellationToken));
        }

        await WriteAsync(rows, cancellationToken);
        await CommitAndHandOffAsync(transaction, rows.Events, cancellationToken);
        return accepted;
    }

    /// <summary>
    /// Commits, then hands the dispatcher the events just stored so it publishes them without reading
    /// the outbox back. Reserved before the commit (a drain that meets them committed leaves them to the
    /// hand-off); a rollback hands nothing over, and a full hand-off leaves them to the drain.
    /// </summary>
    private async Task CommitAndHandOffAsync(IDbContextTransaction transaction, List<CommittedEvent> events, CancellationToken cancellationToken)
    {
        var reserved = signal.Reserve(events);
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            if (reserved)
            {
                signal.Release(events.Select(e => e.Message.Id));
            }

            throw;
        }

        if (reserved)
        {
            signal.HandOff(events);
        }
        else
        {
            signal.Notify();
        }
    }

    /// <summary>
    /// Makes one return's next revision, its outbox record and its audit entry, and its observations,
    /// rows of <paramref name="rows"/>.
    /// </summary>
    private async Task<AcceptedReturn> AddAsync(ReturnSubmission submission, Caller caller, UnitOfWork rows, CancellationToken cancellationToken)
    {
        var key = ReturnKeys.For(identity.Name, submission.AreaCode, submission.Period, submission.Source);
        var revision = await LastRevisionAsync(key, cancellationToken) + 1;
        var now = clock.GetUtcNow();
        var stored = new StoredReturn
        {
            Id = Guid.CreateVersion7(now),
            ReturnKey = key,
            Service = identity.Name,
            AreaCode = submission.AreaCode,
            PeriodKey = submission.Period.Key,
            Source = submission.Source,
            Revision = revision,
            SubmittedBy = submission.SubmittedBy,
            SubmittedAt = now,
        };

        var observations = submission.Observations.Select(input => ObservationMapper.ToObservation(submission, input, catalogue)).ToList();
        rows.Observations.AddRange(observations.Select((o, ordinal) => ObservationMapper.ToStored(stored.Id, ordinal, o)));
        rows.Returns.Add(stored);
        rows.Events.Add(OutboxWriter.For(identity, stored, submission.Period, observations));

        var audit = AuditEntries.For(identity, caller, submission, AuditOutcome.Accepted, now);
        audit.ReturnId = stored.Id;
        audit.Revision = revision;
        rows.Audit.Add(audit);

        return new AcceptedReturn(stored.Id, key, revision, observations.Count);
    }

    /// <summary>The return's latest stored revision, 0 for none, read in the unit of work's transaction.</summary>
    private async Task<int> LastRevisionAsync(string key, CancellationToken cancellationToken)
    {
        // A plain command: through EF's query pipeline (cache look-up, parameter extraction, shaping)
        // the look-up took three times as long on SQLite, and half as long again on PostgreSQL.
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = LastRevisionSql.For(db);
        var parameter = command.CreateParameter();
        parameter.ParameterName = "key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        return await command.ExecuteScalarAsync(cancellationToken) is { } last and not DBNull
            ? Convert.ToInt32(last, CultureInfo.InvariantCulture)
            : 0;
    }

    /// <summary>
    /// Writes the unit of work's rows in its transaction: the returns first (a lost revision race fails
    /// there), then their outbox and audit rows, then the observations in bulk, untracked: one tracked
    /// insert per row was most of the cost of a large return.
    /// </summary>
    private async Task WriteAsync(UnitOfWork rows, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // SQLite runs in process, so a statement per row costs a call, not a round trip; change
            // tracking and EF's command building for these three rows took twice as long as writing
            // them so (measured in the latency benchmark's "store return" span).
            try
            {
                await BulkInsert.AppendAsync(db, rows.Returns, cancellationToken);
            }
            catch (DbException ex) when (ex.IsUniqueViolation())
            {
                // As SaveChanges reports it, which is what the revision race retry waits for.
                throw new DbUpdateException("Another submission took this revision of the return.", ex);
            }

            await BulkInsert.AppendAsync(db, rows.Outbox(), cancellationToken);
            await BulkInsert.AppendAsync(db, rows.Audit, cancellationToken);
        }
        else
        {
            // PostgreSQL: SaveChanges sends the three inserts as one batch, one round trip; COPY would take one per table.
            db.Returns.AddRange(rows.Returns);
            db.Outbox.AddRange(rows.Outbox());
            db.Audit.AddRange(rows.Audit);
            await db.SaveChangesAsync(cancellationToken);
        }

        await BulkInsert.AppendAsync(db, rows.Observations, cancellationToken);
    }

    /// <summary>The rows of one transaction's returns, in the order they are written.</summary>
    private sealed class UnitOfWork
    {
        public List<StoredReturn> Returns { get; } = [];

        /// <summary>The outbox records with their events, for the hand-off once committed.</summary>
        public List<CommittedEvent> Events { get; } = [];

        public List<AuditEntry> Audit { get; } = [];

        public List<StoredObservation> Observations { get; } = [];

        public List<OutboxMessage> Outbox() => [.. Events.Select(e => e.Message)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepted return for {Area} {Period} as revision {Revision} ({ReturnId}, {Count} observations)")]
    private partial void LogAccepted(string area, string period, int revision, Guid returnId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Denied a return for {Area} {Period} to {Agency} ({Subject}): {Reason}")]
    private partial void LogDenied(string agency, string subject, string area, string period, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected return for {Area} {Period} with {Count} problems")]
    private partial void LogRejected(string area, string period, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Revision race for {Area} {Period}, attempt {Attempt}; retrying with the next revision")]
    private partial void LogRevisionRace(string area, string period, int attempt);
}
