using Dapr.Client;
using Partnership.Contracts;

namespace Partnership.EventBus.Dapr;

/// <summary>
/// Publishes through the Dapr sidecar's gRPC API: the event's bytes and content type go as they are
/// (<c>PublishEventAsync&lt;T&gt;</c> would run System.Text.Json over a generated class). The SDK throws
/// when the sidecar refuses, which leaves the outbox record for a retry.
/// </summary>
public sealed class DaprEventPublisher(DaprClient dapr) : IEventPublisher
{
    public Task PublishAsync(string topic, ReadOnlyMemory<byte> data, string contentType, CancellationToken cancellationToken) =>
        dapr.PublishByteEventAsync(EventTopics.PubSubName, topic, data, contentType, cancellationToken: cancellationToken);
}
