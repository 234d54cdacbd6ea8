using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Partnership.Storage;

/// <summary>What a database error means to the caller, the same on SQLite and PostgreSQL.</summary>
public static class DatabaseErrors
{
    /// <summary>Whether a failed save broke a unique constraint (a race lost, or a duplicate delivery).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is DbException inner && inner.IsUniqueViolation();

    /// <summary>The same for a statement sent without change tracking (raw SQL, a bulk insert).</summary>
    public static bool IsUniqueViolation(this DbException exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>Whether the failure may pass if the work is tried again (a lock held by another writer, a dropped connection).</summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        NpgsqlException npgsql => npgsql.IsTransient,
        DbUpdateException { InnerException: { } inner } => IsTransient(inner),
        InvalidOperationException { InnerException: { } inner } => IsTransient(inner),
        TimeoutException => true,
        _ => false,
    };
}
