using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Partnership.Storage;

/// <summary>
/// Brings a service database to the schema its code expects: creates the database if missing, then
/// applies, in order and each recorded in <c>schema_version</c>, the steps it has not yet had. Several
/// instances starting at once serialise on a lock (PostgreSQL advisory lock, SQLite write lock), and a
/// step and its version row commit together, so a crash mid-step leaves the step to run again.
/// </summary>
public static class SchemaMigrator
{
    public const string VersionTable = "schema_version";

    // Any fixed number, the same in every process: the advisory lock that serialises migrations.
    private const long PostgresLockKey = 0x5044_4558_5343_4845;

    public static IReadOnlyList<SchemaStep> StepsOf(DbContext db) =>
        db is IVersionedSchema versioned
            ? versioned.SchemaSteps
            : throw new InvalidOperationException($"{db.GetType().Name} declares no schema steps (IVersionedSchema).");

    /// <summary>Applies the context's own steps; returns the versions applied (none when up to date).</summary>
    public static Task<IReadOnlyList<int>> MigrateAsync(DbContext db, CancellationToken cancellationToken) =>
        MigrateAsync(db, StepsOf(db), cancellationToken);

    public static async Task<IReadOnlyList<int>> MigrateAsync(DbContext db, IReadOnlyList<SchemaStep> steps, CancellationToken cancellationToken)
    {
        CheckOrdered(steps);
        await CreateDatabaseAsync(db, cancellationToken);

        var applied = new List<int>();
        // SQLite transactions begin IMMEDIATE (Microsoft.Data.Sqlite's default), so they take the write lock at once.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
        }

        var current = await CurrentVersionAsync(db, steps, cancellationToken);
        var latest = steps.Count == 0 ? 0 : steps[^1].Version;
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"The database is at schema version {current}, newer than this build knows ({latest}); deploy the newer build or restore the database.");
        }

        foreach (var step in steps.Where(s => s.Version > current))
        {
            await step.ApplyAsync(db, cancellationToken);
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO {VersionTable} (version, description, applied_at) VALUES ({{0}}, {{1}}, {{2}})",
                [step.Version, step.Description, DateTimeOffset.UtcNow.ToString("O")],
                cancellationToken);
            applied.Add(step.Version);
        }

        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    /// <summary>The highest version recorded, after creating the version table if it is new.</summary>
    private static async Task<int> CurrentVersionAsync(DbContext db, IReadOnlyList<SchemaStep> steps, CancellationToken cancellationToken)
    {
        var hadTables = await CountTablesAsync(db, cancellationToken) > 0;
        var hadVersionTable = await CountTablesAsync(db, cancellationToken, VersionTable) > 0;
        if (!hadVersionTable)
        {
            await db.Database.ExecuteSqlRawAsync(
                $"CREATE TABLE {VersionTable} (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)",
                cancellationToken);
            if (hadTables)
            {
                // Made by EnsureCreated before migrations existed: it holds at least step 1's tables, and
                // the later steps that create tables skip those an EnsureCreated of a later release made.
                await db.Database.ExecuteSqlRawAsync(
                    $"INSERT INTO {VersionTable} (version, description, applied_at) VALUES (1, {{0}}, {{1}})",
                    [steps[0].Description + " (found, created before migrations)", DateTimeOffset.UtcNow.ToString("O")],
                    cancellationToken);
            }
        }

        return await db.Database.SqlQueryRaw<int>($"SELECT COALESCE(MAX(version), 0) AS \"Value\" FROM {VersionTable}").SingleAsync(cancellationToken);
    }

    private static Task<int> CountTablesAsync(DbContext db, CancellationToken cancellationToken, string? only = null)
    {
        var sql = db.Database.IsNpgsql()
            ? "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            : "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        sql += only is null ? $" AND {NameColumn(db)} <> '{VersionTable}'" : $" AND {NameColumn(db)} = '{only}'";
        return db.Database.SqlQueryRaw<int>(sql).SingleAsync(cancellationToken);
    }

    internal static async Task<bool> TableExistsAsync(DbContext db, string table, CancellationToken cancellationToken) =>
        await CountTablesAsync(db, cancellationToken, table) > 0;

    private static string NameColumn(DbContext db) => db.Database.IsNpgsql() ? "table_name" : "name";

    private static async Task CreateDatabaseAsync(DbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance created it first.
        }
    }

    private static void CheckOrdered(IReadOnlyList<SchemaStep> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Schema steps must be numbered 1, 2, 3, ... without gaps; step {i + 1} says {steps[i].Version}.");
            }
        }
    }
}
