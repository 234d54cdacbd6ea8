using Partnership.Contracts.Events.V1;

namespace Partnership.EventBus;

/// <summary>
/// Publishes an event's bytes, as <see cref="QuarterlyUpdateCodec"/> wrote them, to a topic with their
/// content type. Throws when the event was not accepted, so the outbox keeps it.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync(string topic, ReadOnlyMemory<byte> data, string contentType, CancellationToken cancellationToken);

    /// <summary>
    /// The same, with the event the caller already read from exactly these bytes
    /// (<see cref="QuarterlyUpdateCodec.Parse"/>). A transport that sends the bytes ignores it; the
    /// embedded one hands it to the subscribers instead of reading the bytes a second time, on the
    /// path from a submission's commit to the report that shows it.
    /// </summary>
    Task PublishAsync(string topic, ReadOnlyMemory<byte> data, string contentType, QuarterlyUpdate read, CancellationToken cancellationToken)
        => PublishAsync(topic, data, contentType, cancellationToken);
}
