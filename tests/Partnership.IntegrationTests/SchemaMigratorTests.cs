using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Partnership.CrimeMeasures;
using Partnership.Reporting.ReadModel;
using Partnership.Submissions.Storage;
using Partnership.Testing;
using Partnership.VictimServices;

namespace Partnership.IntegrationTests;

public abstract class SchemaMigratorTests : IDisposable
{
    private readonly TestStore _store;
    private readonly List<DbContext> _contexts = [];

    protected SchemaMigratorTests(TestStore store) => _store = store;

    private static readonly SchemaStep AddNote = SchemaStep.Sql(3, "returns get a note", "ALTER TABLE returns ADD COLUMN note TEXT");

    private CrimeMeasuresDbContext Open(string database = "crime-measures") =>
        Open<CrimeMeasuresDbContext>(database, options => new(options));

    private TContext Open<TContext>(string database, Func<DbContextOptions<TContext>, TContext> create)
        where TContext : DbContext
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_store.Settings).Build();
        var options = new DbContextOptionsBuilder<TContext>();
        options.UsePartnershipStore(configuration, database);
        var db = create(options.Options);
        _contexts.Add(db);
        return db;
    }

    // Today's steps, then a hypothetical next one.
    private IReadOnlyList<SchemaStep> WithNote() => [.. SchemaMigrator.StepsOf(Open()), AddNote];

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

        Assert.Equal([1, 2], await SchemaMigrator.MigrateAsync(db, default));
        Assert.Empty(await SchemaMigrator.MigrateAsync(Open(), default));
        Assert.Equal(2, await VersionAsync(db));
    }

    // The steps must end in exactly the tables EnsureCreated makes from today's model, for every kind of
    // service database: this fails when the model gains a table or column without a step, or when an
    // early step is left following the model after a later step altered its table.
    [Fact]
    public Task MigrateAsync_DomainServiceDatabase_EndsAsTheModel() =>
        AssertStepsBuildTheModelAsync(name => Open<CrimeMeasuresDbContext>(name, options => new(options)));

    [Fact]
    public Task MigrateAsync_VictimServicesDatabase_EndsAsTheModel() =>
        AssertStepsBuildTheModelAsync(name => Open<VictimServicesDbContext>(name, options => new(options)));

    [Fact]
    public Task MigrateAsync_AggregatorDatabase_EndsAsTheModel() =>
        AssertStepsBuildTheModelAsync(name => Open<ReportingDbContext>(name, options => new(options)));

    private static async Task AssertStepsBuildTheModelAsync(Func<string, DbContext> open)
    {
        var migrated = open("migrated");
        await SchemaMigrator.MigrateAsync(migrated, default);
        var reference = open("reference");
        await reference.Database.EnsureCreatedAsync();

        Assert.Equal(await SchemaAsync(reference), await SchemaAsync(migrated));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseOfThePreviousRelease_UpgradesByStepsAndKeepsItsData()
    {
        // The release before the audit trail: step 1 applied and recorded, a return stored.
        var old = Open();
        await SchemaMigrator.MigrateAsync(old, [SchemaMigrator.StepsOf(old)[0]], default);
        await InsertReturnAsync(old);

        var next = Open();
        Assert.Equal([2], await SchemaMigrator.MigrateAsync(next, default));

        Assert.Equal(1, await next.Returns.CountAsync());
        Assert.Equal(0, await next.Audit.CountAsync());
        var reference = Open("crime-measures-reference");
        await reference.Database.EnsureCreatedAsync();
        Assert.Equal(await SchemaAsync(reference), await SchemaAsync(next));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseMadeByEnsureCreatedBeforeTheAuditTrail_GetsItByStep()
    {
        // What EnsureCreated made before the audit trail existed: today's model less that table, no version table.
        var old = Open();
        await old.Database.EnsureCreatedAsync();
        await old.Database.ExecuteSqlRawAsync("DROP TABLE audit_trail");

        Assert.Equal([2], await SchemaMigrator.MigrateAsync(Open(), default));
        Assert.Equal(0, await Open().Audit.CountAsync());
    }

    private static Task InsertReturnAsync(DbContext db) =>
        db.Database.ExecuteSqlRawAsync(
            "INSERT INTO returns (\"Id\", \"ReturnKey\", \"Service\", \"AreaCode\", \"PeriodKey\", \"Source\", \"Revision\", \"SubmittedBy\", \"SubmittedAt\") VALUES ({0}, 'k', 's', 'a', 'p', '', 1, 'b', {1})",
            Guid.NewGuid(), DateTimeOffset.UtcNow);

    [Fact]
    public async Task MigrateAsync_LaterStep_AltersExistingDatabaseAndKeepsItsData()
    {
        var db = Open();
        await SchemaMigrator.MigrateAsync(db, default);
        await InsertReturnAsync(db);

        var next = Open();
        Assert.Equal([3], await SchemaMigrator.MigrateAsync(next, WithNote(), default));

        Assert.Equal(1, await next.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM returns WHERE note IS NULL").SingleAsync());
        Assert.Equal(3, await VersionAsync(next));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseMadeByEnsureCreated_IsTakenAsVersionOne()
    {
        // EnsureCreated of the release with the audit trail: step 2 finds its table there.
        var old = Open();
        await old.Database.EnsureCreatedAsync();

        Assert.Equal([2], await SchemaMigrator.MigrateAsync(Open(), default));
        Assert.Equal([3], await SchemaMigrator.MigrateAsync(Open(), WithNote(), default));
    }

    [Fact]
    public async Task MigrateAsync_FailingStep_LeavesTheDatabaseAsItWasForARetry()
    {
        var broken = SchemaStep.Sql(4, "broken", "ALTER TABLE no_such_table ADD COLUMN x TEXT");
        await SchemaMigrator.MigrateAsync(Open(), default);

        // Step 3 succeeds and step 4 fails: neither is kept, as after a crash in the middle.
        await Assert.ThrowsAnyAsync<Exception>(() => SchemaMigrator.MigrateAsync(Open(), [.. WithNote(), broken], default));

        Assert.Equal(2, await VersionAsync(Open()));
        Assert.Equal([3], await SchemaMigrator.MigrateAsync(Open(), WithNote(), default));
    }

    [Fact]
    public async Task MigrateAsync_InstancesStartingAtOnce_ApplyEachStepExactlyOnce()
    {
        var steps = WithNote();
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SchemaMigrator.MigrateAsync(Open(), steps, default))));

        Assert.Equal([1, 2, 3], runs.SelectMany(r => r).Order());
        Assert.Equal(3, await Open().Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM schema_version").SingleAsync());
    }

    [Fact]
    public async Task MigrateAsync_DatabaseNewerThanTheBuild_RefusesToStart()
    {
        await SchemaMigrator.MigrateAsync(Open(), WithNote(), default);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.MigrateAsync(Open(), default));
        Assert.Contains("schema version 3", ex.Message, StringComparison.Ordinal);
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
