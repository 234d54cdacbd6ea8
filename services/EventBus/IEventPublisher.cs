namespace Partnership.EventBus;

/// <summary>
/// Publishes an event's bytes, as <see cref="QuarterlyUpdateCodec"/> wrote them, to a topic with their
/// content type. Throws when the event was not accepted, so the outbox keeps it.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync(string topic, ReadOnlyMemory<byte> data, string contentType, CancellationToken cancellationToken);
}
