using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Partnership.Storage;

/// <summary>
/// Makes SQLite itself wait for a busy database (<c>busy_timeout</c>, which polls every few
/// milliseconds) for as long as the connection's <c>DefaultTimeout</c>. Without it SQLite fails at
/// once and Microsoft.Data.Sqlite retries after a fixed 150 ms sleep, so a submission that met the
/// outbox dispatcher's short write waited 150 ms for a lock held for one or two: that was most of the
/// single-return p99 (docs/performance.md). It is a per-connection setting, so it is set on every
/// open, pooled connections included.
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

        using var command = sqlite.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {sqlite.DefaultTimeout * 1000L};");
        command.ExecuteNonQuery();
    }
}
