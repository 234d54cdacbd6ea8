using System.Diagnostics;
using System.Diagnostics.Metrics;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Partnership.Contracts.Events.V1;
using Partnership.EventBus;
using Partnership.Submissions.Storage;

namespace Partnership.Submissions.Outbox;

/// <summary>
/// Drains the outbox: publishes each stored event and marks it published only once the transport
/// accepted it. A failed publish stays in the outbox with a growing back-off, so a broker outage
/// delays events but never loses them.
/// </summary>
public sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IEventPublisher publisher,
    OutboxSignal<TContext> signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : SubmissionDbContext
{
    private readonly HashSet<string> _topicsSeen = new(StringComparer.Ordinal);

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private static readonly Counter<long> Published = Telemetry.Meter.CreateCounter<long>("partnership.outbox.published", description: "Events published from the outbox");
    private static readonly Counter<long> PublishFailures = Telemetry.Meter.CreateCounter<long>("partnership.outbox.publish_failures", description: "Failed publish attempts");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Paused)
        {
            LogPaused();
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
                await RecordBacklogAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be briefly unavailable; the records are still there next time.
                LogDrainFailed(ex);
            }

            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Publishes everything due; returns how many were published.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var due = await db.Outbox
                .Where(m => m.PublishedAtMs == null && m.NextAttemptAtMs <= now)
                .OrderBy(m => m.CreatedAtMs)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return total;
            }

            var failed = 0;
            foreach (var message in due)
            {
                if (await TryPublishAsync(message, cancellationToken))
                {
                    total++;
                }
                else
                {
                    failed++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            if (failed > 0)
            {
                return total;
            }
        }
    }

    /// <summary>Publishes the outbox depth and oldest record for the gauges operators watch.</summary>
    private async Task RecordBacklogAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var backlog = await db.Outbox.AsNoTracking()
            .Where(m => m.PublishedAtMs == null)
            .GroupBy(m => m.Topic)
            .Select(g => new { Topic = g.Key, Depth = g.LongCount(), Oldest = g.Min(m => m.CreatedAtMs) })
            .ToListAsync(cancellationToken);
        foreach (var topic in _topicsSeen.Except(backlog.Select(b => b.Topic)))
        {
            OutboxMetrics.Record(topic, 0, 0);
        }

        foreach (var topic in backlog)
        {
            _topicsSeen.Add(topic.Topic);
            OutboxMetrics.Record(topic.Topic, topic.Depth, topic.Oldest);
        }
    }

    private async Task<bool> TryPublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // The dispatch runs later and on another thread; continue the submission's trace.
        ActivityContext.TryParse(message.TraceParent, null, out var parent);
        using var activity = Telemetry.Source.StartActivity("outbox publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.destination.name", message.Topic);
        activity?.SetTag("messaging.message.id", message.Id.ToString());

        message.Attempts++;
        try
        {
            var update = Parser.Parse<QuarterlyUpdate>(message.Payload);
            await publisher.PublishAsync(message.Topic, update, cancellationToken);
            message.PublishedAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
            message.LastError = null;
            Published.Add(1, new KeyValuePair<string, object?>("topic", message.Topic));
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var delay = TimeSpan.FromMilliseconds(Math.Min(
                options.Value.MaxRetryDelay.TotalMilliseconds,
                options.Value.InitialRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(message.Attempts - 1, 20))));
            message.NextAttemptAtMs = clock.GetUtcNow().Add(delay).ToUnixTimeMilliseconds();
            message.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            PublishFailures.Add(1, new KeyValuePair<string, object?>("topic", message.Topic));
            LogPublishFailed(message.Id, message.Topic, message.Attempts, delay, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing event {EventId} to {Topic} failed (attempt {Attempt}); retrying in {Delay}")]
    private partial void LogPublishFailed(Guid eventId, string topic, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox:Paused is set: events stay in the outbox until a start without it")]
    private partial void LogPaused();

    [LoggerMessage(Level = LogLevel.Error, Message = "Draining the outbox failed; will try again")]
    private partial void LogDrainFailed(Exception exception);
}
