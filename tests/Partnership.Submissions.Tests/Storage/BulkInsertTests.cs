using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Partnership.CrimeMeasures;
using Partnership.Domain;
using Partnership.Storage;
using Partnership.Submissions.Storage;
using Partnership.Testing;

namespace Partnership.Submissions.Tests.Storage;

public abstract class BulkInsertTests
{
    protected abstract TestStore NewStore();

    private static CrimeMeasuresDbContext Open(TestStore store)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(store.Settings).Build();
        var options = new DbContextOptionsBuilder<CrimeMeasuresDbContext>();
        options.UsePartnershipStore(configuration, "bulk-insert");
        return new CrimeMeasuresDbContext(options.Options);
    }

    private static StoredReturn Return(string key) => new()
    {
        Id = Guid.NewGuid(),
        ReturnKey = key,
        Service = "crime",
        AreaCode = Areas.Bradford,
        PeriodKey = "FY2020/21-Q3",
        Revision = 1,
        SubmittedBy = "Bradford CSP",
        SubmittedAt = DateTimeOffset.UnixEpoch,
    };

    // Every kind of column: null and present figures, trailing zeros, full precision, each enum, text that needs quoting.
    private static List<StoredObservation> Observations(Guid returnId) =>
    [
        .. Enumerable.Range(0, 450).Select(i => new StoredObservation
        {
            ReturnId = returnId,
            Ordinal = i,
            MeasureId = $"crime.m{i % 7}",
            AreaCode = Areas.Bradford,
            PeriodKey = "FY2020/21-Q3",
            Value = i % 3 == 0 ? null : i * 1.50m + 0.000000001m * (i % 2),
            Numerator = i % 3 == 0 ? i : null,
            Denominator = i % 3 == 0 ? 1_000_000_000_000_000m + i : null,
            Status = (ObservationStatus)(i % Enum.GetValues<ObservationStatus>().Length),
            Confidentiality = (Confidentiality)(i % Enum.GetValues<Confidentiality>().Length),
            Note = i % 5 == 0 ? $"it's \"{i}\"; -- not SQL" : "",
            Trend = (Trend)(i % Enum.GetValues<Trend>().Length),
        }),
    ];

    private static async Task<List<object[]>> StoredRowsAsync(CrimeMeasuresDbContext db, Guid returnId)
    {
        var ids = await db.Observations.Where(o => o.ReturnId == returnId).OrderBy(o => o.Ordinal).Select(o => o.Id).ToListAsync();
        var connection = db.Database.GetDbConnection();
        var rows = new List<object[]>();
        foreach (var id in ids)
        {
            await using var command = connection.CreateCommand();
            // Every column as the database holds it, but the key and the return it belongs to.
            command.CommandText = "SELECT * FROM observations WHERE \"Id\" = " + id;
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            rows.Add([.. Enumerable.Range(0, reader.FieldCount)
                .Where(i => reader.GetName(i) is not ("Id" or "ReturnId"))
                .Select(i => (object)$"{reader.GetName(i)}={reader.GetValue(i)} ({reader.GetFieldType(i).Name})")]);
        }

        return rows;
    }

    /// <summary>A return saved by EF and its observations appended in bulk, in one transaction, as the pipeline does.</summary>
    private static async Task<StoredReturn> AppendReturnAsync(CrimeMeasuresDbContext db, bool commit)
    {
        var bulk = Return("bulk");
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Returns.Add(bulk);
        await db.SaveChangesAsync();
        await BulkInsert.AppendAsync(db, Observations(bulk.Id), CancellationToken.None);
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }

        db.ChangeTracker.Clear();
        return bulk;
    }

    [Fact]
    public async Task AppendAsync_Observations_StoredAsSaveChangesStoresThem()
    {
        using var store = NewStore();
        await using var db = Open(store);
        await SchemaMigrator.MigrateAsync(db, CancellationToken.None);
        await db.Database.OpenConnectionAsync();

        var tracked = Return("tracked");
        tracked.Observations.AddRange(Observations(tracked.Id));
        db.Returns.Add(tracked);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var bulk = await AppendReturnAsync(db, commit: true);
        var expected = await StoredRowsAsync(db, tracked.Id);
        var actual = await StoredRowsAsync(db, bulk.Id);
        Assert.Equal(450, actual.Count);
        Assert.Equal(expected, actual);
        var readBack = await db.Returns.Include(r => r.Observations).SingleAsync(r => r.Id == bulk.Id);
        Assert.Equal(
            Observations(bulk.Id).Select(o => (o.Ordinal, o.Value, o.Numerator, o.Denominator, o.Status, o.Confidentiality, o.Note, o.Trend)),
            readBack.Observations.OrderBy(o => o.Ordinal).Select(o => (o.Ordinal, o.Value, o.Numerator, o.Denominator, o.Status, o.Confidentiality, o.Note, o.Trend)));
    }

    [Fact]
    public async Task AppendAsync_TransactionRolledBack_StoresNothing()
    {
        using var store = NewStore();
        await using var db = Open(store);
        await SchemaMigrator.MigrateAsync(db, CancellationToken.None);

        await AppendReturnAsync(db, commit: false);

        Assert.Equal(0, await db.Observations.CountAsync());
        Assert.Equal(0, await db.Returns.CountAsync());
    }
}

public sealed class BulkInsertTestsOnSqlite : BulkInsertTests
{
    protected override TestStore NewStore() => TestStore.Sqlite();
}

[Collection(PostgresCollection.Name)]
public sealed class BulkInsertTestsOnPostgres(PostgresFixture postgres) : BulkInsertTests
{
    protected override TestStore NewStore() => postgres.NewStore();
}
