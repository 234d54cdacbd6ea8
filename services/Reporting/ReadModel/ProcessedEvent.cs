using Partnership.EventBus;

namespace Partnership.Reporting.ReadModel;

/// <summary>An event id already handled, so a redelivery changes nothing.</summary>
public sealed class ProcessedEvent
{
    public required string EventId { get; set; }

    public required string ReturnKey { get; set; }

    public int Revision { get; set; }

    public DeliveryOutcome Outcome { get; set; }

    public long ReceivedAtMs { get; set; }
}
