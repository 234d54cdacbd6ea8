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

    /// <summary>
    /// Whether a failure is the database's, not the request's: the database cannot be written just
    /// now (read-only or missing files, a revoked grant, a full disk, a lock never released, a lost
    /// connection). Trying again later may succeed; changing the request would not help.
    /// </summary>
    public static bool IsUnavailable(Exception ex) => ex switch
    {
        // SQLITE_PERM, BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN, PROTOCOL, AUTH.
        SqliteException sqlite => sqlite.SqliteErrorCode is 3 or 5 or 6 or 8 or 10 or 13 or 14 or 15 or 23,
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ReadOnlySqlTransaction
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || postgres.SqlState.StartsWith("53", StringComparison.Ordinal) // insufficient resources: disk full, out of memory, too many connections
            || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) // operator intervention: shutting down, cannot connect now
            || postgres.SqlState.StartsWith("58", StringComparison.Ordinal), // system error: I/O error
        NpgsqlException npgsql => npgsql.IsTransient,
        DbUpdateException { InnerException: { } inner } => IsUnavailable(inner),
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner),
        TimeoutException => true,
        _ => false,
    };

    /// <summary>A failure in a few words for a readiness report: the database's own error, never the data.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        SqliteException sqlite => sqlite.Message,
        // The SQLSTATE alone: the server's text names tables and roles, and /readyz answers anyone.
        PostgresException postgres => $"PostgreSQL refused the write (SQLSTATE {postgres.SqlState})",
        NpgsqlException => "PostgreSQL cannot be reached",
        DbUpdateException { InnerException: { } inner } => Describe(inner),
        InvalidOperationException { InnerException: { } inner } => Describe(inner),
        _ => ex.GetType().Name,
    };
}
