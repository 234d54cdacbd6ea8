using System.Collections.Concurrent;
using System.Data.Common;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Partnership.Contracts;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Events.V1;
using Partnership.CrimeMeasures;
using Partnership.EventBus;
using Partnership.Storage;
using Partnership.Submissions.Outbox;
using Partnership.Submissions.Storage;
using Partnership.Testing;

namespace Partnership.Submissions.Tests;

/// <summary>
/// The events a submission hands the dispatcher as it commits them: published without reading the
/// outbox, and marked in it as a drain would; the outbox still has whatever the hand-off did not finish.
/// </summary>
public abstract class OutboxHandOffTests : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    private readonly TestStore _store;
    private readonly ServiceProvider _services;
    private readonly CommandLog _commands = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    protected OutboxHandOffTests(TestStore store)
    {
        _store = store;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_store.Settings).Build();
        _services = new ServiceCollection()
            .AddDbContext<CrimeMeasuresDbContext>(options => options.UsePartnershipStore(configuration, "handoff").AddInterceptors(_commands))
            .BuildServiceProvider();
    }

    public void Dispose()
    {
        var pools = SqlitePools.Of(_services, [typeof(CrimeMeasuresDbContext)]);
        _services.Dispose();
        SqlitePools.Clear(pools);
        _store.Dispose();
    }

    private OutboxDispatcher<CrimeMeasuresDbContext> Dispatcher(OutboxSignal<CrimeMeasuresDbContext> signal, IEventPublisher publisher) => new(
        _services.GetRequiredService<IServiceScopeFactory>(),
        publisher,
        signal,
        Options.Create(new OutboxOptions { InitialRetryDelay = RetryDelay, MaxRetryDelay = RetryDelay * 10 }),
        _clock,
        NullLogger<OutboxDispatcher<CrimeMeasuresDbContext>>.Instance);

    private CommittedEvent Event(string returnName, int revision)
    {
        var update = new QuarterlyUpdate { EventId = Guid.NewGuid().ToString(), ReturnKey = $"crime-measures|{Areas.Bradford}|{returnName}", Revision = revision };
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        return new CommittedEvent(
            new OutboxMessage { Id = Guid.Parse(update.EventId), Topic = EventTopics.CrimeMeasures, Data = QuarterlyUpdateCodec.Serialize(update), ContentType = QuarterlyUpdateCodec.ContentType, CreatedAtMs = now, NextAttemptAtMs = now },
            update);
    }

    /// <summary>Stores the events in one transaction, reserved for the hand-off before the commit, as the pipeline does.</summary>
    private async Task CommitAsync(OutboxSignal<CrimeMeasuresDbContext> signal, IReadOnlyList<CommittedEvent> events)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrimeMeasuresDbContext>();
        await SchemaMigrator.MigrateAsync(db, CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Outbox.AddRange(events.Select(e => e.Message));
        await db.SaveChangesAsync();
        Assert.True(signal.Reserve(events));
        await transaction.CommitAsync();
    }

    private async Task<Dictionary<Guid, OutboxMessage>> OutboxAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrimeMeasuresDbContext>();
        return await db.Outbox.AsNoTracking().ToDictionaryAsync(m => m.Id);
    }

    [Fact]
    public async Task PublishHandedOffAsync_CommittedEvents_PublishedInRevisionOrderWithoutReadingTheOutboxAndMarked()
    {
        var signal = new OutboxSignal<CrimeMeasuresDbContext>();
        var events = new[] { Event("a", 2), Event("b", 1), Event("a", 1) };
        await CommitAsync(signal, events);
        signal.HandOff(events);
        var publisher = new ScriptedPublisher();
        _commands.Clear();

        Assert.Equal(3, await Dispatcher(signal, publisher).PublishHandedOffAsync(CancellationToken.None));

        // The dispatcher's own reading of each event, as handed over: the outbox was not read back.
        Assert.Equal(events.Select(e => e.Event).OrderBy(e => e.ReturnKey).ThenBy(e => e.Revision), publisher.Published.OrderBy(e => e.ReturnKey));
        Assert.Equal([1, 2], publisher.Published.Where(e => e.ReturnKey.EndsWith("|a", StringComparison.Ordinal)).Select(e => e.Revision));
        Assert.DoesNotContain(_commands.Texts, text => text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase));
        Assert.All((await OutboxAsync()).Values, m => Assert.True(m.PublishedAtMs is not null && m.Attempts == 1 && m.LastError is null, $"{m.Id}: published {m.PublishedAtMs}, attempts {m.Attempts}"));
        Assert.All(events, e => Assert.False(signal.IsReserved(e.Message.Id)));
        Assert.Equal(0, await Dispatcher(signal, publisher).DrainAsync(CancellationToken.None));
        Assert.Equal(3, publisher.Published.Count);
    }

    /// <summary>
    /// Between its commit and its hand-off a record is in the outbox, unpublished; a drain then leaves
    /// it to the hand-off instead of publishing it a second time.
    /// </summary>
    [Fact]
    public async Task DrainAsync_CommittedButNotYetHandedOff_LeavesItToTheHandOffSoItIsPublishedOnce()
    {
        var signal = new OutboxSignal<CrimeMeasuresDbContext>();
        var handedOff = Event("a", 1);
        var neverHandedOff = Event("b", 1);
        await CommitAsync(signal, [handedOff]);
        await CommitAsync(new OutboxSignal<CrimeMeasuresDbContext>(), [neverHandedOff]);
        var publisher = new ScriptedPublisher();
        var dispatcher = Dispatcher(signal, publisher);

        Assert.Equal(1, await dispatcher.DrainAsync(CancellationToken.None));
        signal.HandOff([handedOff]);
        Assert.Equal(1, await dispatcher.PublishHandedOffAsync(CancellationToken.None));

        Assert.Equal([neverHandedOff.Event, handedOff.Event], publisher.Published);
        Assert.All((await OutboxAsync()).Values, m => Assert.Equal(1, m.Attempts));
    }

    [Fact]
    public async Task PublishHandedOffAsync_PublishRefused_BackedOffInTheOutboxAndTheDrainPublishesItWhenDue()
    {
        var signal = new OutboxSignal<CrimeMeasuresDbContext>();
        var refused = Event("a", 1);
        await CommitAsync(signal, [refused]);
        signal.HandOff([refused]);
        var publisher = new ScriptedPublisher { Refusals = 1 };
        var dispatcher = Dispatcher(signal, publisher);

        Assert.Equal(0, await dispatcher.PublishHandedOffAsync(CancellationToken.None));

        var backedOff = (await OutboxAsync())[refused.Message.Id];
        Assert.Null(backedOff.PublishedAtMs);
        Assert.Equal(1, backedOff.Attempts);
        Assert.Equal("refused", backedOff.LastError);
        Assert.Equal(_clock.GetUtcNow().Add(RetryDelay).ToUnixTimeMilliseconds(), backedOff.NextAttemptAtMs);
        Assert.False(signal.IsReserved(refused.Message.Id));
        // Not due until its back-off has passed; then the drain publishes it from the outbox.
        Assert.Equal(0, await dispatcher.DrainAsync(CancellationToken.None));
        _clock.Now += RetryDelay;
        Assert.Equal(1, await dispatcher.DrainAsync(CancellationToken.None));

        var published = (await OutboxAsync())[refused.Message.Id];
        Assert.NotNull(published.PublishedAtMs);
        Assert.Equal(2, published.Attempts);
        Assert.Null(published.LastError);
        Assert.Equal([refused.Event], publisher.Published);
    }

    /// <summary>
    /// The transport took the event but the process stopped before marking it: the outbox still holds
    /// it unpublished, and the next process's dispatcher publishes it again from there.
    /// </summary>
    [Fact]
    public async Task PublishHandedOffAsync_StoppedAfterThePublishBeforeTheMark_AFreshDispatcherPublishesItFromTheOutbox()
    {
        var signal = new OutboxSignal<CrimeMeasuresDbContext>();
        var committed = Event("a", 1);
        await CommitAsync(signal, [committed]);
        signal.HandOff([committed]);
        using var stopping = new CancellationTokenSource();
        var publisher = new ScriptedPublisher { AfterAccepting = stopping.Cancel };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Dispatcher(signal, publisher).PublishHandedOffAsync(stopping.Token));

        Assert.Equal([committed.Event], publisher.Published);
        Assert.Null((await OutboxAsync())[committed.Message.Id].PublishedAtMs);

        var restarted = new ScriptedPublisher();
        Assert.Equal(1, await Dispatcher(new OutboxSignal<CrimeMeasuresDbContext>(), restarted).DrainAsync(CancellationToken.None));
        Assert.Equal([committed.Event.EventId], restarted.Published.Select(e => e.EventId));
        Assert.NotNull((await OutboxAsync())[committed.Message.Id].PublishedAtMs);
    }

    /// <summary>
    /// The pipeline hands over what it committed, once committed (the row is there, with the same
    /// bytes), and nothing of a submission it refused. The host's dispatcher is paused: it publishes
    /// nothing, and the hand-off waits.
    /// </summary>
    [Fact]
    public async Task SubmitReturn_Accepted_HandsOverTheCommittedEventAndARejectedOneNothing()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures, new ExchangeOptions
        {
            Store = _store,
            KeepStore = true,
            Configure = builder => builder.Configuration["Outbox:Paused"] = "true",
        });
        var signal = host.GetRequiredService<OutboxSignal<CrimeMeasuresDbContext>>();
        var request = new SubmitReturnRequest { AreaCode = Areas.Bradford, Period = Domain.Period.Parse("FY2020/21-Q3").ToContract(), SubmittedBy = "Bradford CSP" };
        request.Observations.Add(new Contracts.Common.V1.ObservationInput { MeasureId = "crime.total_recorded", Value = 100, SourceLine = 2 });

        var reply = await host.Crime.SubmitReturnAsync(request);

        var handedOff = Assert.Single(signal.TakeHandedOff());
        Assert.Equal(reply.ReturnId, handedOff.Event.ReturnId);
        Assert.Equal(reply.Revision, handedOff.Event.Revision);
        Assert.True(signal.IsReserved(handedOff.Message.Id));
        await host.InScopeAsync(async services =>
        {
            var stored = await services.GetRequiredService<CrimeMeasuresDbContext>().Outbox.AsNoTracking().SingleAsync(m => m.Id == handedOff.Message.Id);
            Assert.Equal(stored.Data, handedOff.Message.Data);
            Assert.Null(stored.PublishedAtMs);
        });

        request.Observations[0].MeasureId = "crime.made_up";
        await Assert.ThrowsAsync<RpcException>(() => host.Crime.SubmitReturnAsync(request).ResponseAsync);
        Assert.Empty(signal.TakeHandedOff());
    }

    [Fact]
    public async Task Reserve_HandOffFull_ReservesNothingAndTheDrainPublishesThem()
    {
        var signal = new OutboxSignal<CrimeMeasuresDbContext>(capacity: 1);
        var held = Event("a", 1);
        await CommitAsync(signal, [held]);
        var overflow = new[] { Event("b", 1), Event("c", 1) };

        Assert.False(signal.Reserve(overflow));
        Assert.False(new OutboxSignal<CrimeMeasuresDbContext>(capacityBytes: overflow[0].Message.Data.Length).Reserve(overflow));

        await CommitAsync(new OutboxSignal<CrimeMeasuresDbContext>(), overflow);
        var publisher = new ScriptedPublisher();
        Assert.Equal(2, await Dispatcher(signal, publisher).DrainAsync(CancellationToken.None));
        Assert.Equal(overflow.Select(e => e.Event.EventId).Order(), publisher.Published.Select(e => e.EventId).Order());
        Assert.True(signal.IsReserved(held.Message.Id));
    }

    /// <summary>Keeps the reading of each event it accepts; refuses the first <see cref="Refusals"/> attempts.</summary>
    private sealed class ScriptedPublisher : IEventPublisher
    {
        public int Refusals { get; init; }

        public Action? AfterAccepting { get; init; }

        public ConcurrentQueue<QuarterlyUpdate> Published { get; } = new();

        private int _attempts;

        public Task PublishAsync(string topic, ReadOnlyMemory<byte> data, string contentType, CancellationToken cancellationToken)
            => PublishAsync(topic, data, contentType, QuarterlyUpdateCodec.Parse(contentType, data.Span), cancellationToken);

        public Task PublishAsync(string topic, ReadOnlyMemory<byte> data, string contentType, QuarterlyUpdate read, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) <= Refusals)
            {
                throw new EventNotAcceptedException("refused");
            }

            Published.Enqueue(read);
            AfterAccepting?.Invoke();
            return Task.CompletedTask;
        }
    }

    /// <summary>Every command the contexts send, to show what the dispatcher did not read.</summary>
    private sealed class CommandLog : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _texts = new();

        public IReadOnlyCollection<string> Texts => _texts;

        public void Clear() => _texts.Clear();

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            _texts.Enqueue(command.CommandText);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}

public sealed class OutboxHandOffTestsOnSqlite() : OutboxHandOffTests(TestStore.Sqlite());

[Collection(PostgresCollection.Name)]
public sealed class OutboxHandOffTestsOnPostgres(PostgresFixture postgres) : OutboxHandOffTests(postgres.NewStore());
