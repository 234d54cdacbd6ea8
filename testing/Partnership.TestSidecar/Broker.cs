using System.Threading.Channels;

namespace Partnership.TestSidecar;

/// <summary>
/// The in-memory broker behind this sidecar. Publishing puts a message on this broker and on every
/// peer sidecar's, so each sidecar delivers every topic its own app subscribed to. Delivery is at
/// least once and in no guaranteed order, and the configured faults make that visible.
/// </summary>
public sealed partial class Broker(
    SidecarOptions options,
    AppChannel app,
    IHttpClientFactory httpClients,
    SidecarStats stats,
    ILogger<Broker> logger) : BackgroundService
{
    public const string PeerRoute = "/test/broker/messages";

    private readonly Channel<BrokerMessage> _incoming = Channel.CreateUnbounded<BrokerMessage>();

    /// <summary>Puts a message on this broker and every peer's; throws when any refuses, so the publisher retries.</summary>
    public async Task PublishAsync(BrokerMessage message, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient("broker");
        foreach (var peer in options.Peers)
        {
            using var response = await client.PostAsJsonAsync(new Uri(new Uri(peer), PeerRoute), message, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        Accept(message);
    }

    /// <summary>Takes a message for this sidecar's app.</summary>
    public void Accept(BrokerMessage message) => _incoming.Writer.TryWrite(message);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = app.DiscoverAsync(stoppingToken);
        try
        {
            while (await _incoming.Reader.WaitToReadAsync(stoppingToken))
            {
                var batch = await NextBatchAsync(stoppingToken);
                foreach (var message in batch)
                {
                    var copies = options.Faults.Duplicate ? 2 : 1;
                    for (var copy = 0; copy < copies; copy++)
                    {
                        _ = Task.Run(() => DeliverAsync(message, stoppingToken), stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    /// <summary>The next messages to hand out: one at a time, or with reordering a window released newest first.</summary>
    private async Task<List<BrokerMessage>> NextBatchAsync(CancellationToken stoppingToken)
    {
        var batch = new List<BrokerMessage>();
        if (_incoming.Reader.TryRead(out var first))
        {
            batch.Add(first);
        }

        if (options.Faults.ReorderWindow <= 1)
        {
            return batch;
        }

        using var hold = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        hold.CancelAfter(options.Faults.ReorderHoldMs);
        try
        {
            while (batch.Count < options.Faults.ReorderWindow)
            {
                batch.Add(await _incoming.Reader.ReadAsync(hold.Token));
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The window was not filled in time; release what there is.
        }

        batch.Reverse();
        return batch;
    }

    private async Task DeliverAsync(BrokerMessage message, CancellationToken stoppingToken)
    {
        var subscriptions = await app.WhenDiscoveredAsync(stoppingToken);
        var subscription = subscriptions.FirstOrDefault(s => s.PubSubName == message.PubSub && s.Topic == message.Topic);
        if (subscription is null)
        {
            return;
        }

        stats.Started();
        try
        {
            var route = message.Metadata.TryGetValue(FaultOptions.MisrouteMetadataKey, out var misroute) && misroute == "true"
                ? subscription.Route + "/misrouted"
                : subscription.Route;
            var backoff = options.Delivery.InitialBackoffMs;
            for (var attempt = 1; ; attempt++)
            {
                if (options.Faults.MaxDelayMs > 0)
                {
                    await Task.Delay(Random.Shared.Next(options.Faults.MaxDelayMs + 1), stoppingToken);
                }

                var answer = await app.DeliverAsync(route, message, stoppingToken);
                switch (answer)
                {
                    case AppAnswer.Success:
                        stats.Deliveries.Enqueue(DeliveryRecord.Of(message, attempt, "SUCCESS"));
                        return;
                    case AppAnswer.Drop or AppAnswer.NotFound:
                        stats.Deliveries.Enqueue(DeliveryRecord.Of(message, attempt, answer == AppAnswer.Drop ? "DROP" : "404"));
                        await DeadLetterAsync(subscription, message, answer == AppAnswer.Drop ? "DROP" : "404", stoppingToken);
                        return;
                    case AppAnswer.Retry or AppAnswer.Unreachable when attempt >= options.Delivery.MaxAttempts:
                        stats.Deliveries.Enqueue(DeliveryRecord.Of(message, attempt, "EXHAUSTED"));
                        await DeadLetterAsync(subscription, message, "attempts exhausted", stoppingToken);
                        return;
                    default:
                        LogRedelivery(message.Id, message.Topic, answer, attempt);
                        await Task.Delay(backoff, stoppingToken);
                        backoff = Math.Min(backoff * 2, options.Delivery.MaxBackoffMs);
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down; an undelivered message is lost with this in-memory broker.
        }
        finally
        {
            stats.Finished();
        }
    }

    /// <summary>Moves the envelope, unchanged, to the dead-letter topic, as daprd does; without one the message is dropped.</summary>
    private async Task DeadLetterAsync(Subscription subscription, BrokerMessage message, string why, CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(subscription.DeadLetterTopic))
        {
            LogDropped(message.Id, message.Topic, why);
            return;
        }

        stats.DeadLettered.Enqueue(new DeadLetterRecord(message.Id, message.Topic, subscription.DeadLetterTopic, why));
        LogDeadLettered(message.Id, message.Topic, subscription.DeadLetterTopic, why);
        for (var backoff = options.Delivery.InitialBackoffMs; ; backoff = Math.Min(backoff * 2, options.Delivery.MaxBackoffMs))
        {
            try
            {
                await PublishAsync(message.ToTopic(subscription.DeadLetterTopic), stoppingToken);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(backoff, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {Id} on {Topic}: {Answer} (attempt {Attempt}); redelivering")]
    private partial void LogRedelivery(string id, string topic, AppAnswer answer, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {Id} on {Topic} moved to {DeadLetterTopic}: {Why}")]
    private partial void LogDeadLettered(string id, string topic, string deadLetterTopic, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {Id} on {Topic} dropped without a dead-letter topic: {Why}")]
    private partial void LogDropped(string id, string topic, string why);
}
