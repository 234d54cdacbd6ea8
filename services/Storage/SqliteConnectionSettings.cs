using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Partnership.Storage;

/// <summary>
/// Makes SQLite itself wait for a busy database (<c>busy_timeout</c>, which polls every few
/// milliseconds) for as long as the connection's <c>DefaultTimeout</c>. Without it SQLite fails at
/// once and Microsoft.Data.Sqlite retries after a fixed 150 ms sleep, so a submission that met the
/// outbox dispatcher's short write waited 150 ms for a lock held for one or two: that was most of the
/// single-return p99 (docs/performance.md). It is a per-connection setting, so it is set on every
/// open, pooled connections included.
/// It also keeps a connection SQLite opened read-only out of the pool: SQLite opens a file it may
/// not write (made immutable, say) read-only without saying so, and such a connection would go on
/// refusing writes after the file is writable again.
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite)
        {
            return;
        }

        // The call PRAGMA busy_timeout makes, without preparing and running a statement on every open.
        raw.sqlite3_busy_timeout(sqlite.Handle, (int)Math.Min(int.MaxValue, sqlite.DefaultTimeout * 1000L));
        if (raw.sqlite3_db_readonly(sqlite.Handle, "main") == 1)
        {
            // Used for this unit of work (reads succeed), then closed rather than returned to the pool.
            SqliteConnection.ClearPool(sqlite);
        }
    }
}
