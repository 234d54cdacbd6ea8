using Dapr.Client;
using Google.Protobuf;
using Partnership.Contracts;
using Partnership.Contracts.Events.V1;

namespace Partnership.EventBus.Dapr;

/// <summary>
/// Publishes through the Dapr sidecar's gRPC API. The event goes as protobuf JSON bytes with their
/// content type, because <c>PublishEventAsync&lt;T&gt;</c> would run System.Text.Json over a generated
/// class. The SDK throws when the sidecar refuses, which leaves the outbox record for a retry.
/// </summary>
public sealed class DaprEventPublisher(DaprClient dapr) : IEventPublisher
{
    public const string ContentType = "application/json";

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    public Task PublishAsync(string topic, QuarterlyUpdate update, CancellationToken cancellationToken)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Formatter.Format(update));
        return dapr.PublishByteEventAsync(EventTopics.PubSubName, topic, bytes, ContentType, cancellationToken: cancellationToken);
    }
}
