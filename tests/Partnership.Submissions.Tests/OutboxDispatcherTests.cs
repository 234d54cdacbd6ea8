using System.Collections.Concurrent;
using System.Text;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.Contracts;
using Partnership.Contracts.Events.V1;
using Partnership.CrimeMeasures;
using Partnership.EventBus;
using Partnership.Storage;
using Partnership.Submissions.Outbox;
using Partnership.Submissions.Storage;
using Partnership.Submissions.Tests.Storage;
using Partnership.Testing;

namespace Partnership.Submissions.Tests;

public sealed class OutboxDispatcherTests : IDisposable
{
    private const int Concurrency = 4;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    private readonly TestStore _store = TestStore.Sqlite();
    private readonly ServiceProvider _services;

    public OutboxDispatcherTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_store.Settings).Build();
        _services = new ServiceCollection()
            .AddDbContext<CrimeMeasuresDbContext>(options => options.UsePartnershipStore(configuration, "outbox"))
            .BuildServiceProvider();
    }

    public void Dispose()
    {
        var pools = SqlitePools.Of(_services, [typeof(CrimeMeasuresDbContext)]);
        _services.Dispose();
        SqlitePools.Clear(pools);
        _store.Dispose();
    }

    private OutboxDispatcher<CrimeMeasuresDbContext> Dispatcher(IEventPublisher publisher) => new(
        _services.GetRequiredService<IServiceScopeFactory>(),
        publisher,
        new OutboxSignal<CrimeMeasuresDbContext>(),
        Options.Create(new OutboxOptions { PublishConcurrency = Concurrency, InitialRetryDelay = RetryDelay, MaxRetryDelay = RetryDelay * 10 }),
        TimeProvider.System,
        NullLogger<OutboxDispatcher<CrimeMeasuresDbContext>>.Instance);

    /// <summary>Revisions 1..n of several returns, stored as the pipeline stores them, interleaved in time as partners submit.</summary>
    private async Task<List<QuarterlyUpdate>> StoreEventsAsync(int returns, int revisions)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrimeMeasuresDbContext>();
        await SchemaMigrator.MigrateAsync(db, CancellationToken.None);
        var updates = new List<QuarterlyUpdate>();
        for (var revision = 1; revision <= revisions; revision++)
        {
            for (var r = 0; r < returns; r++)
            {
                var update = new QuarterlyUpdate { EventId = Guid.NewGuid().ToString(), ReturnKey = $"crime-measures|{Areas.Bradford}|return-{r}", Revision = revision };
                updates.Add(update);
                db.Outbox.Add(new OutboxMessage
                {
                    Id = Guid.Parse(update.EventId),
                    Topic = EventTopics.CrimeMeasures,
                    Data = QuarterlyUpdateCodec.Serialize(update),
                    ContentType = QuarterlyUpdateCodec.ContentType,
                    CreatedAtMs = updates.Count,
                });
            }
        }

        await db.SaveChangesAsync();
        return updates;
    }

    private async Task<Dictionary<Guid, OutboxMessage>> OutboxAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrimeMeasuresDbContext>();
        return await db.Outbox.AsNoTracking().ToDictionaryAsync(m => m.Id);
    }

    [Fact]
    public async Task DrainAsync_ManyReturns_PublishesReturnsConcurrentlyAndEachReturnInRevisionOrder()
    {
        var updates = await StoreEventsAsync(returns: 6, revisions: 5);
        var publisher = new RecordingPublisher(Concurrency, refused: []);

        var published = await Dispatcher(publisher).DrainAsync(CancellationToken.None);

        Assert.Equal(updates.Count, published);
        Assert.Equal(Concurrency, publisher.MostAtOnce);
        Assert.Equal(1, publisher.MostAtOnceForOneReturn);
        foreach (var returnKey in updates.Select(u => u.ReturnKey).Distinct())
        {
            Assert.Equal([1, 2, 3, 4, 5], publisher.Published.Where(p => p.ReturnKey == returnKey).Select(p => p.Revision));
        }

        Assert.All((await OutboxAsync()).Values, m => Assert.True(m.PublishedAtMs is not null && m.Attempts == 1, $"{m.Id}: published {m.PublishedAtMs}, attempts {m.Attempts}"));
    }

    [Fact]
    public async Task DrainAsync_OnePublishRefused_OnlyItIsBackedOffAndTheRestArePublished()
    {
        var updates = await StoreEventsAsync(returns: 6, revisions: 3);
        var refused = updates.Single(u => u.ReturnKey.EndsWith("return-2", StringComparison.Ordinal) && u.Revision == 2);
        var publisher = new RecordingPublisher(Concurrency, refused: [refused.EventId]);
        var dispatcher = Dispatcher(publisher);

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var published = await dispatcher.DrainAsync(CancellationToken.None);
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Equal(updates.Count - 1, published);
        var outbox = await OutboxAsync();
        var backedOff = outbox[Guid.Parse(refused.EventId)];
        Assert.Null(backedOff.PublishedAtMs);
        Assert.Equal(1, backedOff.Attempts);
        Assert.Equal("refused", backedOff.LastError);
        Assert.InRange(backedOff.NextAttemptAtMs, before + (long)RetryDelay.TotalMilliseconds, after + (long)RetryDelay.TotalMilliseconds);
        Assert.All(outbox.Values.Where(m => m != backedOff), m => Assert.NotNull(m.PublishedAtMs));
        // As one at a time did: the refusal holds back nothing else, not even its return's next revision.
        Assert.Equal([1, 3], publisher.Published.Where(p => p.ReturnKey == refused.ReturnKey).Select(p => p.Revision));

        // Not due again until its back-off has passed.
        Assert.Equal(0, await dispatcher.DrainAsync(CancellationToken.None));
    }

    /// <summary>
    /// What the outbox holds goes out byte for byte with its content type: never parsed and written
    /// again, which would turn this JSON's spacing, order and unknown field (or the binary event) into
    /// other bytes than the ones stored.
    /// </summary>
    [Fact]
    public async Task DrainAsync_StoredEvents_ArePublishedAsTheyAreWithTheirContentType()
    {
        var json = new QuarterlyUpdate { EventId = Guid.NewGuid().ToString(), ReturnKey = $"crime-measures|{Areas.Bradford}|json", Revision = 1 };
        var binary = new QuarterlyUpdate { EventId = Guid.NewGuid().ToString(), ReturnKey = $"crime-measures|{Areas.Bradford}|binary", Revision = 1 };
        var stored = new Dictionary<string, (byte[] Data, string ContentType)>(StringComparer.Ordinal)
        {
            [json.EventId] = (Encoding.UTF8.GetBytes($"{{\n  \"revision\": 1,\n  \"returnKey\": \"{json.ReturnKey}\",\n  \"eventId\": \"{json.EventId}\",\n  \"addedLater\": true\n}}"), "application/json; charset=utf-8"),
            [binary.EventId] = (binary.ToByteArray(), "application/protobuf"),
        };
        await StoreAsync(stored.Select(s => (Guid.Parse(s.Key), s.Value.Data, s.Value.ContentType)));
        var publisher = new CapturingPublisher();

        Assert.Equal(2, await Dispatcher(publisher).DrainAsync(CancellationToken.None));

        Assert.Equal(2, publisher.Published.Count);
        foreach (var (topic, data, contentType) in publisher.Published)
        {
            var expected = stored[QuarterlyUpdateCodec.Parse(contentType, data).EventId];
            Assert.Equal(EventTopics.CrimeMeasures, topic);
            Assert.Equal(expected.ContentType, contentType);
            Assert.Equal(expected.Data, data);
        }
    }

    /// <summary>
    /// The dispatcher reads each event to order it; the publisher gets that reading with the stored
    /// bytes (the embedded bus delivers it instead of parsing again), and the event is still marked
    /// published only once the publish returned.
    /// </summary>
    [Fact]
    public async Task DrainAsync_OneReturn_HandsThePublisherItsReadingWithTheBytesAndMarksItPublished()
    {
        var update = (await StoreEventsAsync(returns: 1, revisions: 1)).Single();
        var publisher = new ReadingPublisher();

        Assert.Equal(1, await Dispatcher(publisher).DrainAsync(CancellationToken.None));

        var (data, read) = Assert.Single(publisher.Published);
        Assert.Equal(update, read);
        var stored = (await OutboxAsync())[Guid.Parse(update.EventId)];
        Assert.Equal(stored.Data, data);
        Assert.NotNull(stored.PublishedAtMs);
        Assert.Equal(1, stored.Attempts);
    }

    [Fact]
    public async Task DrainAsync_BytesThatAreNotAnEvent_AreBackedOffAndNeverSent()
    {
        var id = Guid.NewGuid();
        await StoreAsync([(id, Encoding.UTF8.GetBytes("not an event"), QuarterlyUpdateCodec.ContentType)]);
        var publisher = new CapturingPublisher();

        Assert.Equal(0, await Dispatcher(publisher).DrainAsync(CancellationToken.None));

        Assert.Empty(publisher.Published);
        var message = (await OutboxAsync())[id];
        Assert.Null(message.PublishedAtMs);
        Assert.Equal(1, message.Attempts);
        Assert.NotNull(message.LastError);
    }

    /// <summary>
    /// Its mark-published save waits its turn at the database's <see cref="SqliteWriteGate"/> (not in
    /// SQLite's sleeping busy handler); the publish itself does not wait.
    /// </summary>
    [Fact]
    public async Task DrainAsync_WhileAnotherWriterHoldsTheGate_MarksPublishedOnlyAfterIt()
    {
        var update = new QuarterlyUpdate { EventId = Guid.NewGuid().ToString(), ReturnKey = $"crime-measures|{Areas.Bradford}|gate", Revision = 1 };
        await StoreAsync([(Guid.Parse(update.EventId), QuarterlyUpdateCodec.Serialize(update), QuarterlyUpdateCodec.ContentType)]);
        var publisher = new CapturingPublisher();
        await using var scope = _services.CreateAsyncScope();
        var gate = SqliteWriteGate.For(scope.ServiceProvider.GetRequiredService<CrimeMeasuresDbContext>())!;

        Task<int> draining;
        using (await gate.EnterAsync(CancellationToken.None))
        {
            draining = Task.Run(() => Dispatcher(publisher).DrainAsync(CancellationToken.None));
            await SqliteWriteGateTests.UntilQueuedAsync(gate, "the dispatcher's save at the gate");

            Assert.False(draining.IsCompleted);
            Assert.Single(publisher.Published);
            Assert.Null((await OutboxAsync()).Values.Single().PublishedAtMs);
        }

        Assert.Equal(1, await draining.WaitAsync(SqliteWriteGateTests.Patience));
        Assert.NotNull((await OutboxAsync()).Values.Single().PublishedAtMs);
    }

    private async Task StoreAsync(IEnumerable<(Guid Id, byte[] Data, string ContentType)> messages)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrimeMeasuresDbContext>();
        await SchemaMigrator.MigrateAsync(db, CancellationToken.None);
        db.Outbox.AddRange(messages.Select(m => new OutboxMessage { Id = m.Id, Topic = EventTopics.CrimeMeasures, Data = m.Data, ContentType = m.ContentType }));
        await db.SaveChangesAsync();
    }

    /// <summary>Accepts every event and keeps the bytes with the reading it was handed; refuses to be handed bytes alone.</summary>
    private sealed class ReadingPublisher : IEventPublisher
    {
        public ConcurrentQueue<(byte[] Data, QuarterlyUpdate Read)> Published { get; } = new();

        public Task PublishAsync(string topic, ReadOnlyMemory<byte> data, string contentType, CancellationToken cancellationToken)
            => throw new InvalidOperationException("published without the dispatcher's reading of the event");

        public Task PublishAsync(string topic, ReadOnlyMemory<byte> data, string contentType, QuarterlyUpdate read, CancellationToken cancellationToken)
        {
            Published.Enqueue((data.ToArray(), read));
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Holds every publish until as many are in flight as the dispatcher may run at once (so a
    /// dispatcher that publishes one at a time times out instead of passing), and records what it saw.
    /// </summary>
    private sealed class RecordingPublisher(int expectedAtOnce, IReadOnlyCollection<string> refused) : IEventPublisher
    {
        private readonly TaskCompletionSource _enoughAtOnce = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentDictionary<string, int> _inFlightPerReturn = new(StringComparer.Ordinal);
        private int _inFlight;
        private int _mostAtOnce;
        private int _mostAtOnceForOneReturn;

        public ConcurrentQueue<(string ReturnKey, int Revision)> Published { get; } = new();

        public int MostAtOnce => _mostAtOnce;

        public int MostAtOnceForOneReturn => _mostAtOnceForOneReturn;

        public async Task PublishAsync(string topic, ReadOnlyMemory<byte> data, string contentType, CancellationToken cancellationToken)
        {
            var update = QuarterlyUpdateCodec.Parse(contentType, data.Span);
            var atOnce = Interlocked.Increment(ref _inFlight);
            Raise(ref _mostAtOnce, atOnce);
            Raise(ref _mostAtOnceForOneReturn, _inFlightPerReturn.AddOrUpdate(update.ReturnKey, 1, (_, n) => n + 1));
            if (atOnce >= expectedAtOnce)
            {
                _enoughAtOnce.TrySetResult();
            }

            try
            {
                try
                {
                    await _enoughAtOnce.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                }
                catch (TimeoutException ex)
                {
                    // Never that many at once: fail every publish now rather than each after its own wait.
                    _enoughAtOnce.TrySetException(ex);
                    throw;
                }

                if (refused.Contains(update.EventId))
                {
                    throw new EventNotAcceptedException("refused");
                }

                Published.Enqueue((update.ReturnKey, update.Revision));
            }
            finally
            {
                _inFlightPerReturn.AddOrUpdate(update.ReturnKey, 0, (_, n) => n - 1);
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private static void Raise(ref int most, int value)
        {
            int seen;
            while (value > (seen = Volatile.Read(ref most)) && Interlocked.CompareExchange(ref most, value, seen) != seen)
            {
                // Another publish raised it meanwhile; compare with the new value.
            }
        }
    }
}
