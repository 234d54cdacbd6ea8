using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Partnership.Contracts;
using Partnership.Contracts.Events.V1;
using Partnership.Domain;
using Partnership.EventBus;
using Partnership.Submissions.Storage;

namespace Partnership.Submissions.Outbox;

/// <summary>
/// The outbox record of the event that announces a stored revision, with the event, for the unit of
/// work that stores the revision: it commits with the return or not at all, and the dispatcher
/// publishes it later (handed the record and its event once the transaction commits, or from the outbox).
/// </summary>
internal static class OutboxWriter
{
    public static CommittedEvent For(ServiceIdentity identity, StoredReturn stored, Period period, IEnumerable<Observation> observations)
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
            Revision = stored.Revision,
            AreaCode = stored.AreaCode,
            Period = period.ToContract(),
        };
        update.Observations.AddRange(observations.Select(o => o.ToContract()));

        var message = new OutboxMessage
        {
            Id = Guid.Parse(update.EventId),
            Topic = identity.Topic,
            ReturnId = stored.Id,
            Data = QuarterlyUpdateCodec.Serialize(update),
            ContentType = QuarterlyUpdateCodec.ContentType,
            TraceParent = Activity.Current?.Id,
            CreatedAtMs = stored.SubmittedAt.ToUnixTimeMilliseconds(),
            NextAttemptAtMs = stored.SubmittedAt.ToUnixTimeMilliseconds(),
        };
        return new CommittedEvent(message, update);
    }
}
