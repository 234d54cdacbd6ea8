using Partnership.Contracts.Events.V1;

namespace Partnership.EventBus;

/// <summary>Publishes a quarterly update to a topic. Throws when the event was not accepted, so the outbox keeps it.</summary>
public interface IEventPublisher
{
    Task PublishAsync(string topic, QuarterlyUpdate update, CancellationToken cancellationToken);
}
