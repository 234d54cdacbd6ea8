using System.Collections.Concurrent;
using Partnership.EventBus;

namespace Partnership.Submissions.Tests;

/// <summary>Accepts every event and keeps exactly what it was handed: the topic, the bytes and their content type.</summary>
public sealed class CapturingPublisher : IEventPublisher
{
    public ConcurrentQueue<(string Topic, byte[] Data, string ContentType)> Published { get; } = new();

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> data, string contentType, CancellationToken cancellationToken)
    {
        Published.Enqueue((topic, data.ToArray(), contentType));
        return Task.CompletedTask;
    }
}
