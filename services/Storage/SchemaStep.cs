using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Partnership.Storage;

/// <summary>
/// One ordered change to a service database's schema. Versions start at 1 and have no gaps; a step,
/// once released, never changes: a later change to the model is a new step.
/// </summary>
public sealed record SchemaStep(int Version, string Description, Func<DbContext, CancellationToken, Task> ApplyAsync)
{
    /// <summary>
    /// Creates the named tables, with their indexes and keys, from the model in the provider's own DDL
    /// (what <c>EnsureCreated</c> would run for them). A table already there is left alone: a database
    /// made by <c>EnsureCreated</c> in an earlier release is taken as version 1 and may already hold a
    /// table a later step creates. The DDL follows today's model, so once a later step alters one of
    /// these tables, this step must be frozen to the SQL it produced (see docs/decisions.md);
    /// <c>SchemaMigratorTests</c> fails until it is, by comparing a migrated database with the model.
    /// </summary>
    public static SchemaStep CreateTables(int version, string description, params string[] tables) =>
        new(version, description, async (db, cancellationToken) =>
        {
            var missing = new HashSet<string>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                if (!await SchemaMigrator.TableExistsAsync(db, table, cancellationToken))
                {
                    missing.Add(table);
                }
            }

            foreach (var command in CreateCommands(db, missing))
            {
                await db.Database.ExecuteSqlRawAsync(command, cancellationToken);
            }
        });

    /// <summary>A step that runs SQL (the same for every provider, or chosen from <see cref="DbContext.Database"/>).</summary>
    public static SchemaStep Sql(int version, string description, string sql) =>
        new(version, description, async (db, cancellationToken) => await db.Database.ExecuteSqlRawAsync(sql, cancellationToken));

    /// <summary>
    /// Rewrites retired codes to their new codes wherever they occur in the named text columns (a whole
    /// value, or part of one: a return key, an audit detail) and byte columns (UTF-8 event payloads).
    /// The columns are named, not taken from the model, so the step stays as released.
    /// </summary>
    public static SchemaStep ReplaceCodes(
        int version, string description, IReadOnlyDictionary<string, string> codes,
        IReadOnlyList<(string Table, string Column)> textColumns, IReadOnlyList<(string Table, string Column)> byteColumns) =>
        new(version, description, async (db, cancellationToken) =>
        {
            foreach (var (old, current) in codes)
            {
                // Inlined as literals: a code is letters and digits only, checked here.
                if (!old.All(char.IsAsciiLetterOrDigit) || !current.All(char.IsAsciiLetterOrDigit))
                {
                    throw new ArgumentException($"'{old}' and '{current}' must be letters and digits only.", nameof(codes));
                }

                var postgres = db.Database.IsNpgsql();
                foreach (var (table, column) in textColumns)
                {
                    var sql = $"UPDATE \"{table}\" SET \"{column}\" = REPLACE(\"{column}\", '{old}', '{current}') WHERE \"{column}\" LIKE '%{old}%'";
                    await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
                }

                foreach (var (table, column) in byteColumns)
                {
                    var sql = postgres
                        ? $"UPDATE \"{table}\" SET \"{column}\" = convert_to(replace(convert_from(\"{column}\", 'UTF8'), '{old}', '{current}'), 'UTF8') WHERE position(convert_to('{old}', 'UTF8') in \"{column}\") > 0"
                        : $"UPDATE \"{table}\" SET \"{column}\" = CAST(REPLACE(CAST(\"{column}\" AS TEXT), '{old}', '{current}') AS BLOB) WHERE instr(\"{column}\", CAST('{old}' AS BLOB)) > 0";
                    await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
                }
            }
        });

    // The same operations EnsureCreated generates (a diff from an empty model), kept to the tables asked for.
    private static IEnumerable<string> CreateCommands(DbContext db, IReadOnlySet<string> tables)
    {
        if (tables.Count == 0)
        {
            return [];
        }

        var model = db.GetService<IDesignTimeModel>().Model;
        var operations = db.GetService<IMigrationsModelDiffer>()
            .GetDifferences(null, model.GetRelationalModel())
            .Where(operation => operation switch
            {
                CreateTableOperation create => tables.Contains(create.Name),
                CreateIndexOperation index => tables.Contains(index.Table),
                AddForeignKeyOperation key => tables.Contains(key.Table),
                _ => false,
            })
            .ToList();
        return db.GetService<IMigrationsSqlGenerator>().Generate(operations, model).Select(c => c.CommandText);
    }
}
