using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Partnership.Storage;

/// <summary>
/// The one owner of "a SQLite unit of work": every transaction EF begins on a SQLite file waits its
/// turn at the file's <see cref="SqliteWriteGate"/> first, so a writer cannot forget to (a forgotten
/// gate silently fell back to SQLite's sleeping busy handler). Microsoft.Data.Sqlite begins every
/// transaction <c>IMMEDIATE</c>, taking the write lock, so every transaction is a writer here.
/// </summary>
/// <remarks>
/// <para>
/// <c>SaveChanges</c> is made to run in a transaction even for a single statement (EF would
/// otherwise send it in autocommit, outside the gate).
/// </para>
/// <para>
/// EF reports a commit and a rollback, but not a transaction disposed without either (a failed
/// <c>SaveChanges</c>, an <c>await using</c> left by an exception; IDbTransactionInterceptor has no
/// disposal hook, and SQLite's rollback hook is Microsoft.Data.Sqlite's own while a transaction is
/// open). EF closes the connection it opened for the transaction when the transaction is disposed,
/// which gives the gate back, and the same connection beginning its next transaction takes it over.
/// So a connection opened by hand (<c>OpenConnection</c>) that leaves a transaction uncommitted keeps
/// the gate until it closes or begins another; the services open none by hand. A raw statement
/// sent outside any transaction is not a unit of work and is not gated; nothing here does that.
/// </para>
/// </remarks>
public sealed class SqliteWriteGateInterceptor : DbTransactionInterceptor, IDbConnectionInterceptor, ISaveChangesInterceptor
{
    public static readonly SqliteWriteGateInterceptor Instance = new();

    private SqliteWriteGateInterceptor()
    {
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        SqliteWriteGate.For(connection)?.Enter(connection, Patience(connection));
        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (SqliteWriteGate.For(connection) is { } gate)
        {
            await gate.EnterAsync(connection, Patience(connection), cancellationToken);
        }

        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Leave(eventData.Context);

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Leave(eventData.Context);

    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return ValueTask.FromResult(result);
    }

    // A context disposed with its connection open (a failed begin, say) does not close it first.
    public InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ConnectionClosing(connection, eventData, result);

    public ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ConnectionClosingAsync(connection, eventData, result);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        InTransaction(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        InTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void InTransaction(DbContext? db)
    {
        if (db is not null && SqliteWriteGate.For(db) is not null)
        {
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        }
    }

    /// <summary>
    /// As long as SQLite itself would wait for the lock (<c>busy_timeout</c>): a gate never given back
    /// (see the remarks) costs its waiters that once each, not a hang.
    /// </summary>
    private static TimeSpan Patience(DbConnection connection) =>
        TimeSpan.FromSeconds(Math.Max(1, ((SqliteConnection)connection).DefaultTimeout));

    private static Task Leave(DbContext? db)
    {
        if (db is not null)
        {
            Leave(db.Database.GetDbConnection());
        }

        return Task.CompletedTask;
    }

    private static void Leave(DbConnection connection) => SqliteWriteGate.For(connection)?.Leave(connection);
}
