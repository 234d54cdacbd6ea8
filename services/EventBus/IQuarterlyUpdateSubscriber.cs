using Partnership.Contracts.Events.V1;

namespace Partnership.EventBus;

/// <summary>What a subscriber made of one delivery; maps onto Dapr's SUCCESS, RETRY and DROP.</summary>
public enum DeliveryOutcome
{
    /// <summary>Applied to the read model.</summary>
    Processed,

    /// <summary>Seen before (same event id); nothing changed.</summary>
    Duplicate,

    /// <summary>An older revision than the one already held; ignored.</summary>
    Stale,

    /// <summary>A transient failure (database busy); deliver again later.</summary>
    Retry,

    /// <summary>Can never be processed (unknown contract version...); dead-letter it.</summary>
    Drop,
}

public interface IQuarterlyUpdateSubscriber
{
    Task<DeliveryOutcome> HandleAsync(string topic, QuarterlyUpdate update, CancellationToken cancellationToken);
}
