using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Partnership.Contracts.Events.V1;
using Partnership.EventBus;
using Partnership.ServiceDefaults;
using Partnership.Submissions.Storage;

namespace Partnership.Submissions.Outbox;

/// <summary>
/// Drains the outbox: publishes each stored event and marks it published only once the transport
/// accepted it. A failed publish stays in the outbox with a growing back-off, so a broker outage
/// delays events but never loses them. Events the pipeline hands over as it commits them
/// (<see cref="OutboxSignal{TContext}"/>) are published without reading the outbox first, and marked
/// in it the same way.
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

    private static readonly Counter<long> Published = Telemetry.Meter.CreateCounter<long>("partnership.outbox.published", description: "Events published from the outbox");
    private static readonly Counter<long> PublishFailures = Telemetry.Meter.CreateCounter<long>("partnership.outbox.publish_failures", description: "Failed publish attempts");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Paused)
        {
            LogPaused();
            return;
        }

        var lastDrain = long.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PublishHandedOffAsync(stoppingToken);
                // A wake-up that only handed events over needs no read of the outbox; the drain still
                // runs when asked and at least every poll interval, for what was never handed over and
                // for the back-offs that have come due.
                var now = clock.GetTimestamp();
                if (signal.TakeDrainWanted() || lastDrain == long.MinValue || clock.GetElapsedTime(lastDrain, now) >= options.Value.PollInterval)
                {
                    lastDrain = now;
                    await DrainAsync(stoppingToken);
                    await RecordBacklogAsync(stoppingToken);
                }
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

            // A record reserved for the hand-off is published from there, not a second time here.
            var published = await PublishAsync(due.Where(m => !signal.IsReserved(m.Id)).Select(m => (m, TryParse(m))).ToList(), cancellationToken);
            total += published;
            // The messages were only changed in memory by the publishes; one save records them all,
            // after the submissions' writes to this database that are already waiting (SqliteWriteGate).
            await db.SaveChangesAsync(cancellationToken);

            if (published < due.Count)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// Publishes the events the pipeline handed over as their transactions committed, without reading
    /// the outbox, then marks each in the outbox as the drain would: published, or backed off.
    /// Returns how many were published. Each stays reserved (out of the drain's way) until its outcome
    /// is stored or this fails, when the drain takes over.
    /// </summary>
    public async Task<int> PublishHandedOffAsync(CancellationToken cancellationToken)
    {
        var handedOff = signal.TakeHandedOff();
        if (handedOff.Count == 0)
        {
            return 0;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            // Attached as committed, so the save writes only what the publish changed.
            db.Outbox.AttachRange(handedOff.Select(h => h.Message));
            var published = await PublishAsync([.. handedOff.Select(h => (h.Message, (QuarterlyUpdate?)h.Event))], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return published;
        }
        catch
        {
            // Whatever was not marked is still in the outbox, unpublished: the drain takes it over.
            signal.Notify();
            throw;
        }
        finally
        {
            signal.Release(handedOff.Select(h => h.Message.Id));
        }
    }

    /// <summary>
    /// Publishes a batch, <see cref="OutboxOptions.PublishConcurrency"/> returns at a time, each return's
    /// events in revision order (the aggregator would take an overtaken revision as stale, which is
    /// correct but wasted work); returns how many were published. Every event gets its attempt, as
    /// one at a time: a failure is backed off on its own message and does not hold back the others.
    /// </summary>
    private async Task<int> PublishAsync(IReadOnlyList<(OutboxMessage Message, QuarterlyUpdate? Update)> due, CancellationToken cancellationToken)
    {
        var returns = due
            // An unreadable payload is its own group; its attempt fails and is backed off like any other.
            .GroupBy(m => m.Update?.ReturnKey ?? m.Message.Id.ToString(), StringComparer.Ordinal)
            .Select(g => g.OrderBy(m => m.Update?.Revision ?? 0).ThenBy(m => m.Message.CreatedAtMs).ToList())
            .ToList();
        if (returns.Count == 1)
        {
            // The usual wake-up: one return just stored. Published on this thread rather than handed to
            // a worker: one thread-pool hop fewer between the submission's commit and the read model.
            return await PublishInOrderAsync(returns[0], cancellationToken);
        }

        var published = 0;
        await Parallel.ForEachAsync(
            returns,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.PublishConcurrency), CancellationToken = cancellationToken },
            async (events, token) =>
            {
                Interlocked.Add(ref published, await PublishInOrderAsync(events, token));
            });
        return published;
    }

    private async Task<int> PublishInOrderAsync(List<(OutboxMessage Message, QuarterlyUpdate? Update)> events, CancellationToken cancellationToken)
    {
        var published = 0;
        foreach (var (message, update) in events)
        {
            published += await TryPublishAsync(message, update, cancellationToken) ? 1 : 0;
        }

        return published;
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

    // Read to order each return's events; what is published is the stored bytes, with this reading of them.
    private static QuarterlyUpdate? TryParse(OutboxMessage message) =>
        QuarterlyUpdateCodec.TryParse(message.ContentType, message.Data, out var update, out _) ? update : null;

    private async Task<bool> TryPublishAsync(OutboxMessage message, QuarterlyUpdate? update, CancellationToken cancellationToken)
    {
        // The dispatch runs later and on another thread; continue the submission's trace.
        ActivityContext.TryParse(message.TraceParent, null, out var parent);
        using var activity = Telemetry.Source.StartActivity("outbox publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.destination.name", message.Topic);
        activity?.SetTag("messaging.message.id", message.Id.ToString());

        message.Attempts++;
        try
        {
            // Bytes that are not an event are never sent; parsed again for the exception that says why.
            var read = update ?? QuarterlyUpdateCodec.Parse(message.ContentType, message.Data);
            await publisher.PublishAsync(message.Topic, message.Data, message.ContentType, read, cancellationToken);
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
