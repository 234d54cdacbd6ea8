using Partnership.Contracts.Events.V1;
using Partnership.Submissions.Storage;

namespace Partnership.Submissions.Outbox;

/// <summary>An outbox record as its transaction stored it, with the event its bytes hold.</summary>
public sealed record CommittedEvent(OutboxMessage Message, QuarterlyUpdate Event);
