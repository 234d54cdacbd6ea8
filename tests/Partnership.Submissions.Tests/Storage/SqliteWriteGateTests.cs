using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Contracts;
using Partnership.Contracts.Crime.V1;
using Partnership.CrimeMeasures;
using Partnership.Storage;
using Partnership.Submissions.Storage;
using Partnership.Testing;
using DomainPeriod = Partnership.Domain.Period;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Submissions.Tests.Storage;

/// <summary>
/// Writers to one SQLite file in one process take turns at <see cref="SqliteWriteGate"/> instead of
/// meeting on SQLite's lock, whose busy handler sleeps. A test holds the gate itself, waits until the
/// writer under test is queued at it (a condition, not a time), checks nothing was written meanwhile,
/// and lets it go. (The outbox dispatcher's turn is in <see cref="OutboxDispatcherTests"/>.) Writers
/// do not take the gate by hand: the store's <see cref="SqliteWriteGateInterceptor"/> takes it for
/// every transaction EF begins.
/// </summary>
public sealed class SqliteWriteGateTests
{
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    internal static Task UntilQueuedAsync(SqliteWriteGate gate, string what) =>
        Eventually.WaitForAsync(() => Task.FromResult(gate.Waiting), waiting => waiting > 0, Patience, what);

    private static string NewFile() => Path.Combine(Path.GetTempPath(), $"gate-{Guid.NewGuid():N}.db");

    private static CrimeMeasuresDbContext Context(string file) =>
        new(new DbContextOptionsBuilder<CrimeMeasuresDbContext>().UseSqlite($"Data Source={file}").Options);

    /// <summary>A context as the services build theirs (<see cref="StorageExtensions.UsePartnershipStore"/>), its schema made.</summary>
    private static async Task<CrimeMeasuresDbContext> StoreAsync(TestStore store)
    {
        var db = Store(store);
        await SchemaMigrator.MigrateAsync(db, CancellationToken.None);
        return db;
    }

    private static CrimeMeasuresDbContext Store(TestStore store)
    {
        var options = new DbContextOptionsBuilder<CrimeMeasuresDbContext>();
        options.UsePartnershipStore(new ConfigurationBuilder().AddInMemoryCollection(store.Settings).Build(), "gate");
        return new CrimeMeasuresDbContext(options.Options);
    }

    private static OutboxMessage Message() => new() { Id = Guid.NewGuid(), Topic = "gate", Data = [1], ContentType = "test" };

    private static async Task<int> CountAsync(TestStore store)
    {
        // A read: it takes no turn at the gate (a migration would).
        await using var db = Store(store);
        return await db.Outbox.CountAsync();
    }

    /// <summary>
    /// A writer that knows nothing of the gate, saving one row (which EF would send in autocommit,
    /// outside any transaction), still waits for the gate's holder.
    /// </summary>
    [Fact]
    public async Task SaveChanges_WithoutTakingTheGate_WaitsForItsHolder()
    {
        using var store = TestStore.Sqlite();
        await using var writer = await StoreAsync(store);
        var gate = SqliteWriteGate.For(writer)!;
        writer.Outbox.Add(Message());

        Task<int> saving;
        using (await gate.EnterAsync(CancellationToken.None))
        {
            saving = Task.Run(() => writer.SaveChangesAsync());
            await UntilQueuedAsync(gate, "the save at the gate");

            Assert.False(saving.IsCompleted);
            Assert.Equal(0, await CountAsync(store));
        }

        Assert.Equal(1, await saving.WaitAsync(Patience));
        Assert.Equal(1, await CountAsync(store));
    }

    /// <summary>
    /// A transaction left without commit or rollback (as by an exception; EF reports neither) gives
    /// the gate back when EF closes the connection it opened for it, while its context lives on.
    /// </summary>
    [Fact]
    public async Task Transaction_DisposedWithoutCommit_LeavesTheGateToTheNextWriter()
    {
        using var store = TestStore.Sqlite();
        await using var abandoning = await StoreAsync(store);
        await using (await abandoning.Database.BeginTransactionAsync())
        {
            abandoning.Outbox.Add(Message());
            await abandoning.SaveChangesAsync();
        }

        await using var next = await StoreAsync(store);
        next.Outbox.Add(Message());
        await next.SaveChangesAsync().WaitAsync(Patience);

        Assert.Equal(1, await CountAsync(store));
        Assert.Equal(0, SqliteWriteGate.For(next)!.Waiting);
    }

    /// <summary>A writer outside EF that holds the gate for its connection may still save through EF on it.</summary>
    [Fact]
    public async Task SaveChanges_OnAConnectionHoldingTheGate_DoesNotWaitForItself()
    {
        using var store = TestStore.Sqlite();
        await using var db = await StoreAsync(store);
        using (await SqliteWriteGate.EnterAsync(db, CancellationToken.None))
        {
            db.Outbox.Add(Message());
            await db.SaveChangesAsync().WaitAsync(Patience);
        }

        Assert.Equal(1, await CountAsync(store));
    }

    [Fact]
    public async Task EnterAsync_TwoContextsOnOneFile_TheSecondProceedsOnlyOnceTheFirstLeaves()
    {
        var file = NewFile();
        using var first = Context(file);
        using var second = Context(file);
        var order = new List<string>();
        var held = await SqliteWriteGate.EnterAsync(first, CancellationToken.None);

        var entering = Task.Run(async () =>
        {
            using (await SqliteWriteGate.EnterAsync(second, CancellationToken.None))
            {
                lock (order)
                {
                    order.Add("second enters");
                }
            }
        });
        await UntilQueuedAsync(SqliteWriteGate.For(file)!, "the second context at the gate");
        lock (order)
        {
            order.Add("first leaves");
        }

        held.Dispose();
        await entering.WaitAsync(Patience);

        Assert.Equal(["first leaves", "second enters"], order);
    }

    [Fact]
    public async Task EnterAsync_CancelledWhileWaiting_GivesUpAndLeavesTheGateToOthers()
    {
        var gate = SqliteWriteGate.For(NewFile())!;
        var held = await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = gate.EnterAsync(cancel.Token).AsTask();
        await UntilQueuedAsync(gate, "the waiter at the gate");

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        held.Dispose();
        using var next = await gate.EnterAsync(CancellationToken.None).AsTask().WaitAsync(Patience);
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public void For_OtherFilesAndPostgres_DoNotShareTheGate()
    {
        var file = NewFile();
        var postgres = new DbContextOptionsBuilder<CrimeMeasuresDbContext>().UseNpgsql("Host=localhost;Database=unused").Options;
        using var onPostgres = new CrimeMeasuresDbContext(postgres);
        using var onSqlite = Context(file);

        Assert.Same(SqliteWriteGate.For(file), SqliteWriteGate.For(onSqlite));
        Assert.NotSame(SqliteWriteGate.For(file), SqliteWriteGate.For(NewFile()));
        Assert.Null(SqliteWriteGate.For(onPostgres));
        Assert.Null(SqliteWriteGate.For(":memory:"));
    }

    /// <summary>The store's transaction (return, observations, outbox row, audit) waits its turn whole.</summary>
    [Fact]
    public async Task SubmitReturn_WhileAnotherWriterHoldsTheGate_IsStoredOnlyAfterIt()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures, TestStore.Sqlite());
        SqliteWriteGate? gate = null;
        await host.InScopeAsync(services =>
        {
            gate = SqliteWriteGate.For(services.GetRequiredService<CrimeMeasuresDbContext>());
            return Task.CompletedTask;
        });
        var request = new SubmitReturnRequest { AreaCode = Areas.Bradford, Period = DomainPeriod.Parse("FY2020/21-Q3").ToContract(), SubmittedBy = "Bradford CSP" };
        request.Observations.Add(new Proto.ObservationInput { MeasureId = "crime.total_recorded", Value = 100, SourceLine = 2 });

        Task<SubmitReturnResponse> submitting;
        using (await gate!.EnterAsync(CancellationToken.None))
        {
            submitting = host.Crime.SubmitReturnAsync(request).ResponseAsync;
            await UntilQueuedAsync(gate, "the submission's store at the gate");

            Assert.False(submitting.IsCompleted);
            var stored = -1;
            await host.InScopeAsync(async services => stored = await services.GetRequiredService<CrimeMeasuresDbContext>().Returns.CountAsync());
            Assert.Equal(0, stored);
        }

        Assert.Equal(1, (await submitting.WaitAsync(SqliteWriteGateTests.Patience)).Revision);
    }
}
