using System.Collections.Concurrent;
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
/// rows, not the database, has no gate: <see cref="EnterAsync(DbContext, CancellationToken)"/> returns at once there.
/// </summary>
/// <remarks>
/// A writer holds the gate for its whole unit of work and takes nothing else while it does, so
/// gates cannot deadlock. It is not re-entrant: code holding it must not enter it again.
/// </remarks>
public sealed class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _semaphore = new(1, 1);
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
    public static SqliteWriteGate? For(DbContext db) =>
        db.Database.GetDbConnection() is SqliteConnection sqlite ? For(sqlite.DataSource) : null;

    /// <summary>The gate of a SQLite database file, or null for a private in-memory database.</summary>
    public static SqliteWriteGate? For(string dataSource) =>
        dataSource is "" or ":memory:" ? null : Gates.GetOrAdd(Path.GetFullPath(dataSource), _ => new SqliteWriteGate());

    /// <summary>Waits for the context's database gate; dispose the result when the write has committed or rolled back.</summary>
    public static ValueTask<Held> EnterAsync(DbContext db, CancellationToken cancellationToken) =>
        For(db) is { } gate ? gate.EnterAsync(cancellationToken) : ValueTask.FromResult(default(Held));

    public async ValueTask<Held> EnterAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _semaphore.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return new Held(_semaphore);
    }

    /// <summary>The gate while held; the default value holds nothing.</summary>
    public readonly struct Held(SemaphoreSlim? semaphore) : IDisposable
    {
        public void Dispose() => semaphore?.Release();
    }
}
