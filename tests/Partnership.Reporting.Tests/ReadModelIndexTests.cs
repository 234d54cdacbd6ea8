using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Partnership.Reporting.ReadModel;
using Partnership.Storage;
using Partnership.Testing;

namespace Partnership.Reporting.Tests;

public abstract class ReadModelIndexTests
{
    protected abstract TestStore NewStore();

    private static ReportingDbContext Open(TestStore store)
    {
        var options = new DbContextOptionsBuilder<ReportingDbContext>();
        options.UsePartnershipStore(new ConfigurationBuilder().AddInMemoryCollection(store.Settings).Build(), "reporting-index");
        return new ReportingDbContext(options.Options);
    }

    private const string ObservationsByArea = "IX_observations_AreaCode_MeasureId";
    private const string ReturnVersionsByArea = "IX_return_versions_AreaCode_ReturnKey_Revision";

    private static async Task<bool> IndexExistsAsync(ReportingDbContext db, string name)
    {
        var sql = db.Database.IsNpgsql()
            ? $"SELECT COUNT(*)::int AS \"Value\" FROM pg_indexes WHERE indexname = '{name}'"
            : $"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'index' AND name = '{name}'";
        return await db.Database.SqlQueryRaw<int>(sql).SingleAsync() == 1;
    }

    [Fact]
    public async Task MigrateAsync_ReadModelFromBeforeTheAreaIndexes_GetsThemByStep()
    {
        using var store = NewStore();
        await using var db = Open(store);
        await SchemaMigrator.MigrateAsync(db, CancellationToken.None);
        Assert.True(await IndexExistsAsync(db, ObservationsByArea));
        Assert.True(await IndexExistsAsync(db, ReturnVersionsByArea));

        // A read model of an earlier release: steps 1 and 2 only, without either index.
        await db.Database.ExecuteSqlRawAsync($"DROP INDEX \"{ObservationsByArea}\"");
        await db.Database.ExecuteSqlRawAsync($"DROP INDEX \"{ReturnVersionsByArea}\"");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM schema_version WHERE version >= 3");

        var applied = await SchemaMigrator.MigrateAsync(db, CancellationToken.None);

        // Step 5 finds its table already there and is recorded as applied; step 6 finds no retired code.
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10], applied);
        Assert.True(await IndexExistsAsync(db, ObservationsByArea));
        Assert.True(await IndexExistsAsync(db, ReturnVersionsByArea));
    }

    [Fact]
    public async Task MigrateAsync_ReadModelFromBeforeTheReadAudit_GetsItsTableByStep()
    {
        using var store = NewStore();
        await using var db = Open(store);
        await SchemaMigrator.MigrateAsync(db, CancellationToken.None);
        await db.Database.ExecuteSqlRawAsync("DROP TABLE read_audit");
        await db.Database.ExecuteSqlRawAsync("DROP TABLE edition_audit");
        await db.Database.ExecuteSqlRawAsync("DROP TABLE edition_corrections");
        await db.Database.ExecuteSqlRawAsync("DROP TABLE edition_commentary");
        await db.Database.ExecuteSqlRawAsync("DROP TABLE editions");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM schema_version WHERE version >= 5");

        var applied = await SchemaMigrator.MigrateAsync(db, CancellationToken.None);

        Assert.Equal([5, 6, 7, 8, 9, 10], applied);
        Assert.Equal(0, await db.ReadAudit.CountAsync());
    }

    [Fact]
    public async Task MigrateAsync_ReadModelFromBeforeEditions_GetsTheirTablesByStep()
    {
        using var store = NewStore();
        await using var db = Open(store);
        await SchemaMigrator.MigrateAsync(db, CancellationToken.None);
        await db.Database.ExecuteSqlRawAsync("DROP TABLE edition_audit");
        await db.Database.ExecuteSqlRawAsync("DROP TABLE edition_corrections");
        await db.Database.ExecuteSqlRawAsync("DROP TABLE edition_commentary");
        await db.Database.ExecuteSqlRawAsync("DROP TABLE editions");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM schema_version WHERE version >= 8");

        var applied = await SchemaMigrator.MigrateAsync(db, CancellationToken.None);

        Assert.Equal([8, 9, 10], applied);
        Assert.Equal((0, 0, 0, 0), (await db.Editions.CountAsync(), await db.EditionAudit.CountAsync(), await db.Commentary.CountAsync(), await db.EditionCorrections.CountAsync()));
    }
}

public sealed class ReadModelIndexTestsOnSqlite : ReadModelIndexTests
{
    protected override TestStore NewStore() => TestStore.Sqlite();
}

[Collection(PostgresCollection.Name)]
public sealed class ReadModelIndexTestsOnPostgres(PostgresFixture postgres) : ReadModelIndexTests
{
    protected override TestStore NewStore() => postgres.NewStore();
}
