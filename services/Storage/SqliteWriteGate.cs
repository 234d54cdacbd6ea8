using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Partnership.Storage;

/// <summary>
/// One writer at a time per SQLite database file in this process, taken before the write lock. Two
/// writers meeting on SQLite's lock wait in its busy handler, which sleeps and retries 1, 3, 8 ms
/// after the first try however soon the lock is free, so a return stored while the outbox
/// dispatcher marked another published paid whole milliseconds for a lock held well under one
/// (docs/performance.md). Waiting here wakes the next writer the moment the last one is done.
/// <c>busy_timeout</c> stays the guard against writers in other processes. PostgreSQL, which locks
/// rows, not the database, has no gate.
/// </summary>
/// <remarks>
/// Writers do not take it by hand: <see cref="SqliteWriteGateInterceptor"/>, registered with every
/// SQLite store, takes it when EF begins a transaction (every <c>SaveChanges</c> runs in one) and
/// gives it back when the transaction ends. Only a writer outside EF (raw ADO.NET on the context's
/// connection, a benchmark's floor) enters it itself, with <see cref="EnterAsync(DbContext, CancellationToken)"/>.
/// The gate is held by a connection: a connection that holds it enters again at once, so its holder
/// cannot deadlock on itself, and nothing else is taken while it is held.
/// </remarks>
public sealed class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private object? _owner;
    private int _waiting;

    private SqliteWriteGate()
    {
    }

    /// <summary>Writers waiting for the gate now; for tests that must know a writer reached it.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>
    /// The gate of the context's database file, or null when it needs none (PostgreSQL, or a private
    /// in-memory SQLite database no other connection can write).
    /// </summary>
    public static SqliteWriteGate? For(DbContext db) => For(db.Database.GetDbConnection());

    public static SqliteWriteGate? For(DbConnection connection) =>
        connection is SqliteConnection sqlite ? For(sqlite.DataSource) : null;

    /// <summary>The gate of a SQLite database file, or null for a private in-memory database.</summary>
    public static SqliteWriteGate? For(string dataSource) =>
        dataSource is "" or ":memory:" ? null : Gates.GetOrAdd(Path.GetFullPath(dataSource), _ => new SqliteWriteGate());

    /// <summary>
    /// Waits for the context's database gate on behalf of its connection, for a write outside EF's
    /// transactions; dispose the result when the write has committed or rolled back.
    /// </summary>
    public static async ValueTask<Held> EnterAsync(DbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (For(connection) is not { } gate)
        {
            return default;
        }

        await gate.EnterAsync(connection, Timeout.InfiniteTimeSpan, cancellationToken);
        return new Held(gate, connection);
    }

    /// <summary>Waits for the gate on behalf of no connection (a test standing in for another writer).</summary>
    public async ValueTask<Held> EnterAsync(CancellationToken cancellationToken)
    {
        var owner = new object();
        await EnterAsync(owner, Timeout.InfiniteTimeSpan, cancellationToken);
        return new Held(this, owner);
    }

    /// <summary>
    /// Waits for the gate on behalf of <paramref name="owner"/>, at most <paramref name="patience"/>;
    /// past it the writer goes on without the gate, to wait in SQLite's busy handler as if there were none.
    /// </summary>
    internal async ValueTask EnterAsync(object owner, TimeSpan patience, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _owner) == owner)
        {
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            if (!await _semaphore.WaitAsync(patience, cancellationToken))
            {
                return;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        Volatile.Write(ref _owner, owner);
    }

    internal void Enter(object owner, TimeSpan patience)
    {
        if (Volatile.Read(ref _owner) == owner)
        {
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            if (!_semaphore.Wait(patience))
            {
                return;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        Volatile.Write(ref _owner, owner);
    }

    /// <summary>Gives the gate back if <paramref name="owner"/> holds it; otherwise does nothing, so every end of a unit of work may call it.</summary>
    internal void Leave(object owner)
    {
        if (Interlocked.CompareExchange(ref _owner, null, owner) == owner)
        {
            _semaphore.Release();
        }
    }

    /// <summary>The gate while held; the default value holds nothing.</summary>
    public readonly struct Held(SqliteWriteGate? gate, object? owner) : IDisposable
    {
        public void Dispose()
        {
            if (owner is not null)
            {
                gate?.Leave(owner);
            }
        }
    }
}
