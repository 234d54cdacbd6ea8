using Microsoft.Extensions.DependencyInjection;

namespace Partnership.EventBus;

/// <summary>
/// The embedded transport for the one-command local run: hands each event straight to the
/// subscribers in this process, with the same outbox before it and the same idempotent handlers
/// after it as the Dapr transport.
/// </summary>
public sealed class InProcessEventBus(IServiceProvider services) : IEventPublisher
{
    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> data, string contentType, CancellationToken cancellationToken)
    {
        // Read from the bytes the outbox stored, as the aggregator behind a broker reads them.
        var update = QuarterlyUpdateCodec.Parse(contentType, data.Span);
        foreach (var subscriber in services.GetServices<IQuarterlyUpdateSubscriber>())
        {
            var outcome = await subscriber.HandleAsync(topic, update, cancellationToken);
            if (outcome == DeliveryOutcome.Retry)
            {
                throw new EventNotAcceptedException($"A subscriber asked for event {update.EventId} on {topic} to be retried.");
            }
        }
    }
}

public sealed class EventNotAcceptedException(string message) : Exception(message);
