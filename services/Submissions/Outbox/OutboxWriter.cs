using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Partnership.Contracts;
using Partnership.Contracts.Events.V1;
using Partnership.Domain;
using Partnership.EventBus;
using Partnership.Submissions.Storage;

namespace Partnership.Submissions.Outbox;

/// <summary>
/// Adds the event that announces a stored revision to the outbox, in the unit of work that stores the
/// revision: it commits with the return or not at all, and the dispatcher publishes it later.
/// </summary>
internal static class OutboxWriter
{
    /// <summary>
    /// Builds the event for <paramref name="stored"/> but its revision, which is known only inside the
    /// transaction: building the contract's observations is most of the work, and done here it is not
    /// done while the write lock is held.
    /// </summary>
    public static Pending Prepare(ServiceIdentity identity, StoredReturn stored, Period period, IEnumerable<Observation> observations)
    {
        var update = new QuarterlyUpdate
        {
            EventId = Guid.CreateVersion7(stored.SubmittedAt).ToString(),
            ContractVersion = QuarterlyUpdateCodec.ContractVersion,
            SourceService = identity.Name,
            SubmittedBy = stored.SubmittedBy,
            SubmittedAt = Timestamp.FromDateTimeOffset(stored.SubmittedAt),
            ReturnId = stored.Id.ToString(),
            ReturnKey = stored.ReturnKey,
            AreaCode = stored.AreaCode,
            Period = period.ToContract(),
        };
        update.Observations.AddRange(observations.Select(o => o.ToContract()));

        var message = new OutboxMessage
        {
            Id = Guid.Parse(update.EventId),
            Topic = identity.Topic,
            ReturnId = stored.Id,
            Data = [],
            ContentType = QuarterlyUpdateCodec.ContentType,
            CreatedAtMs = stored.SubmittedAt.ToUnixTimeMilliseconds(),
            NextAttemptAtMs = stored.SubmittedAt.ToUnixTimeMilliseconds(),
        };
        return new Pending(update, message);
    }

    /// <summary>Completes the event with the revision <paramref name="stored"/> was given and adds it to the unit of work.</summary>
    public static void Add(SubmissionDbContext db, Pending pending, StoredReturn stored)
    {
        pending.Update.Revision = stored.Revision;
        pending.Message.Data = QuarterlyUpdateCodec.Serialize(pending.Update);
        // The store's span, so the dispatcher's publish continues the trace from the store.
        pending.Message.TraceParent = Activity.Current?.Id;
        db.Outbox.Add(pending.Message);
    }

    /// <summary>An event built but for its revision, and the outbox row that will carry it.</summary>
    public sealed record Pending(QuarterlyUpdate Update, OutboxMessage Message);
}
