using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Partnership.CrimeMeasures;
using Partnership.Submissions.Storage;
using Partnership.Testing;

namespace Partnership.IntegrationTests;

public abstract class SchemaMigratorTests : IDisposable
{
    private readonly TestStore _store;
    private readonly List<DbContext> _contexts = [];

    protected SchemaMigratorTests(TestStore store) => _store = store;

    private static readonly SchemaStep AddNote = SchemaStep.Sql(2, "returns get a note", "ALTER TABLE returns ADD COLUMN note TEXT");

    private CrimeMeasuresDbContext Open(string database = "crime-measures")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_store.Settings).Build();
        var options = new DbContextOptionsBuilder<CrimeMeasuresDbContext>();
        options.UsePartnershipStore(configuration, database);
        var db = new CrimeMeasuresDbContext(options.Options);
        _contexts.Add(db);
        return db;
    }

    private static Task<int> VersionAsync(DbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT COALESCE(MAX(version), 0) AS \"Value\" FROM schema_version").SingleAsync();

    /// <summary>Every table's columns with their types, and every index, apart from the version table.</summary>
    private static async Task<List<string>> SchemaAsync(DbContext db)
    {
        var sql = db.Database.IsNpgsql()
            ? """
              SELECT table_name || '.' || column_name || ':' || data_type || ':' || is_nullable AS "Value" FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name <> 'schema_version'
              UNION ALL SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename <> 'schema_version'
              """
            : """
              SELECT m.name || '.' || p.name || ':' || p.type || ':' || p."notnull" AS "Value" FROM sqlite_master m JOIN pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_version'
              UNION ALL SELECT 'index ' || name FROM sqlite_master WHERE type = 'index' AND tbl_name <> 'schema_version'
              """;
        var rows = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
        return [.. rows.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task MigrateAsync_FreshDatabase_AppliesEachStepOnceAndBuildsTheModel()
    {
        var db = Open();

        Assert.Equal([1], await SchemaMigrator.MigrateAsync(db, default));
        Assert.Empty(await SchemaMigrator.MigrateAsync(Open(), default));

        // The steps must end in exactly the tables EnsureCreated makes from today's model: this fails
        // when the model changes without a step, or when step 1 is left following the model after a step 2.
        var reference = Open("crime-measures-reference");
        await reference.Database.EnsureCreatedAsync();
        Assert.Equal(await SchemaAsync(reference), await SchemaAsync(db));
        Assert.Equal(1, await VersionAsync(db));
    }

    [Fact]
    public async Task MigrateAsync_LaterStep_AltersExistingDatabaseAndKeepsItsData()
    {
        var db = Open();
        await SchemaMigrator.MigrateAsync(db, default);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO returns (\"Id\", \"ReturnKey\", \"Service\", \"AreaCode\", \"PeriodKey\", \"Source\", \"Revision\", \"SubmittedBy\", \"SubmittedAt\") VALUES ({0}, 'k', 's', 'a', 'p', '', 1, 'b', {1})",
            Guid.NewGuid(), DateTimeOffset.UtcNow);

        var next = Open();
        Assert.Equal([2], await SchemaMigrator.MigrateAsync(next, [SchemaStep.CreateModel, AddNote], default));

        Assert.Equal(1, await next.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM returns WHERE note IS NULL").SingleAsync());
        Assert.Equal(2, await VersionAsync(next));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseMadeByEnsureCreated_IsTakenAsVersionOne()
    {
        var old = Open();
        await old.Database.EnsureCreatedAsync();

        Assert.Empty(await SchemaMigrator.MigrateAsync(Open(), default));
        Assert.Equal([2], await SchemaMigrator.MigrateAsync(Open(), [SchemaStep.CreateModel, AddNote], default));
    }

    [Fact]
    public async Task MigrateAsync_FailingStep_LeavesTheDatabaseAsItWasForARetry()
    {
        var broken = SchemaStep.Sql(3, "broken", "ALTER TABLE no_such_table ADD COLUMN x TEXT");
        await SchemaMigrator.MigrateAsync(Open(), default);

        // Step 2 succeeds and step 3 fails: neither is kept, as after a crash in the middle.
        await Assert.ThrowsAnyAsync<Exception>(() => SchemaMigrator.MigrateAsync(Open(), [SchemaStep.CreateModel, AddNote, broken], default));

        Assert.Equal(1, await VersionAsync(Open()));
        Assert.Equal([2], await SchemaMigrator.MigrateAsync(Open(), [SchemaStep.CreateModel, AddNote], default));
    }

    [Fact]
    public async Task MigrateAsync_InstancesStartingAtOnce_ApplyEachStepExactlyOnce()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SchemaMigrator.MigrateAsync(Open(), [SchemaStep.CreateModel, AddNote], default))));

        Assert.Equal([1, 2], runs.SelectMany(r => r).Order());
        Assert.Equal(2, await Open().Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM schema_version").SingleAsync());
    }

    [Fact]
    public async Task MigrateAsync_DatabaseNewerThanTheBuild_RefusesToStart()
    {
        await SchemaMigrator.MigrateAsync(Open(), [SchemaStep.CreateModel, AddNote], default);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.MigrateAsync(Open(), default));
        Assert.Contains("schema version 2", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var db in _contexts)
        {
            db.Dispose();
        }

        SqliteConnection.ClearAllPools();
        _store.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SchemaMigratorTestsOnSqlite() : SchemaMigratorTests(TestStore.Sqlite());

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigratorTestsOnPostgres(PostgresFixture postgres) : SchemaMigratorTests(postgres.NewStore());
