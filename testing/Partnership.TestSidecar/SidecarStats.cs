using System.Collections.Concurrent;

namespace Partnership.TestSidecar;

/// <summary>What the sidecar did, served at <c>GET /test/stats</c> so tests can wait on it and check it.</summary>
public sealed class SidecarStats
{
    private int _publishesAccepted;
    private int _publishesRefused;
    private int _publishesWithTraceParent;
    private int _pending;
    private int _publishAttempts;

    public ConcurrentQueue<DeliveryRecord> Deliveries { get; } = new();

    public ConcurrentQueue<DeadLetterRecord> DeadLettered { get; } = new();

    public int PublishesAccepted => _publishesAccepted;

    public int PublishesRefused => _publishesRefused;

    public int PublishesWithTraceParent => _publishesWithTraceParent;

    /// <summary>Messages for a subscribed topic that are not yet finished (delivered, dropped or dead-lettered).</summary>
    public int Pending => _pending;

    public void Accepted(bool hadTraceParent)
    {
        Interlocked.Increment(ref _publishesAccepted);
        if (hadTraceParent)
        {
            Interlocked.Increment(ref _publishesWithTraceParent);
        }
    }

    /// <summary>Numbers publish attempts from 1, so the first N can be refused.</summary>
    public int CountPublishAttempt() => Interlocked.Increment(ref _publishAttempts);

    public void Refused() => Interlocked.Increment(ref _publishesRefused);

    public void Started() => Interlocked.Increment(ref _pending);

    public void Finished() => Interlocked.Decrement(ref _pending);

    public object Snapshot(IReadOnlyList<Subscription> subscriptions, bool discovered) => new
    {
        discovered,
        subscriptions,
        publishesAccepted = PublishesAccepted,
        publishesRefused = PublishesRefused,
        publishesWithTraceParent = PublishesWithTraceParent,
        pending = Pending,
        deliveries = Deliveries.ToArray(),
        deadLettered = DeadLettered.ToArray(),
    };
}

/// <summary>How one delivery of a message ended, after how many attempts; with the CloudEvent's <c>traceparent</c>.</summary>
public sealed record DeliveryRecord(string Id, string Topic, int Attempts, string Result, string? TraceParent)
{
    public static DeliveryRecord Of(BrokerMessage message, int attempts, string result) =>
        new(message.Id, message.Topic, attempts, result, message.TraceParent);
}

/// <summary>A message moved to a dead-letter topic, and why (DROP, 404 or attempts exhausted).</summary>
public sealed record DeadLetterRecord(string Id, string Topic, string DeadLetterTopic, string Why);
