using Microsoft.Extensions.DependencyInjection;
using Partnership.Contracts.Events.V1;

namespace Partnership.EventBus;

/// <summary>
/// The embedded transport for the one-command local run: hands each event straight to the
/// subscribers in this process, with the same outbox before it and the same idempotent handlers
/// after it as the Dapr transport.
/// </summary>
public sealed class InProcessEventBus(IServiceProvider services) : IEventPublisher
{
    // Read from the bytes the outbox stored, as the aggregator behind a broker reads them.
    public Task PublishAsync(string topic, ReadOnlyMemory<byte> data, string contentType, CancellationToken cancellationToken)
        => DeliverAsync(topic, QuarterlyUpdateCodec.Parse(contentType, data.Span), cancellationToken);

    // The outbox dispatcher read these very bytes with the same codec to order the events; reading
    // them again was a second parse of the whole return on the way from its commit to the report.
    public Task PublishAsync(string topic, ReadOnlyMemory<byte> data, string contentType, QuarterlyUpdate read, CancellationToken cancellationToken)
        => DeliverAsync(topic, read, cancellationToken);

    private async Task DeliverAsync(string topic, QuarterlyUpdate update, CancellationToken cancellationToken)
    {
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
