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

    /// <summary>
    /// The pipeline writes a return's own row, its outbox record and its audit entry in bulk on SQLite:
    /// each must be stored as SaveChanges stores it (keys, timestamps, enums, bytes, nulls).
    /// </summary>
    [Fact]
    public async Task AppendAsync_ReturnOutboxAndAudit_StoredAsSaveChangesStoresThem()
    {
        using var store = NewStore();
        await using var db = Open(store);
        await SchemaMigrator.MigrateAsync(db, CancellationToken.None);
        await db.Database.OpenConnectionAsync();
        // UTC, as the pipeline stamps it, to the microsecond: PostgreSQL stores no other offset and no finer time.
        var submittedAt = new DateTimeOffset(2024, 11, 5, 9, 30, 15, 123, TimeSpan.Zero).AddTicks(4560);
        StoredReturn ReturnRow(string key)
        {
            var row = Return(key);
            row.SubmittedAt = submittedAt;
            row.Source = "it's \"quoted\"";
            return row;
        }

        OutboxMessage OutboxRow(Guid returnId, string topic) => new()
        {
            Id = Guid.NewGuid(),
            Topic = topic,
            ReturnId = returnId,
            Data = [0, 1, 2, 255, 0],
            ContentType = "application/x-protobuf",
            TraceParent = null,
            CreatedAtMs = 1_730_799_015_123,
            NextAttemptAtMs = long.MaxValue,
        };
        AuditEntry AuditRow(Guid returnId, string detail) => new()
        {
            OccurredAtMs = 1_730_799_015_123,
            Service = "crime",
            Outcome = AuditOutcome.Accepted,
            Agency = "Bradford CSP",
            Subject = "user-1",
            ClientAddress = "127.0.0.1",
            AreaCode = Areas.Bradford,
            PeriodStart = "2020-10-01",
            PeriodEnd = "2020-12-31",
            PeriodLabel = "FY2020/21-Q3",
            ReturnId = returnId,
            Revision = 3,
            Detail = detail,
        };

        var tracked = ReturnRow("tracked");
        db.Returns.Add(tracked);
        db.Outbox.Add(OutboxRow(tracked.Id, "tracked"));
        db.Audit.Add(AuditRow(tracked.Id, "tracked"));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // The outbox and audit rows name the same return, so that key's stored form is compared too.
        var bulk = ReturnRow("bulk");
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await BulkInsert.AppendAsync(db, [bulk], CancellationToken.None);
            await BulkInsert.AppendAsync(db, [OutboxRow(tracked.Id, "bulk")], CancellationToken.None);
            await BulkInsert.AppendAsync(db, [AuditRow(tracked.Id, "bulk")], CancellationToken.None);
            await transaction.CommitAsync();
        }

        foreach (var (table, marker) in new[] { ("returns", "ReturnKey"), ("outbox", "Topic"), ("audit_trail", "Detail") })
        {
            var rows = await TableRowsAsync(db, table, marker);
            Assert.Equal(2, rows.Count);
            Assert.Equal(rows[0], rows[1]);
        }

        var readBack = await db.Returns.SingleAsync(r => r.Id == bulk.Id);
        Assert.Equal((submittedAt, bulk.Source), (readBack.SubmittedAt, readBack.Source));
        Assert.Equal(AuditOutcome.Accepted, (await db.Audit.SingleAsync(a => a.Detail == "bulk")).Outcome);
    }

    /// <summary>
    /// Every row of <paramref name="table"/>, the tracked one first, each column as the database holds
    /// it, but the key and the column that tells the rows apart.
    /// </summary>
    private static async Task<List<string[]>> TableRowsAsync(CrimeMeasuresDbContext db, string table, string marker)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY \"{marker}\" DESC";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount)
                .Where(i => reader.GetName(i) != "Id" && reader.GetName(i) != marker)
                .Select(i => $"{reader.GetName(i)}={(reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes) : reader.GetValue(i))} ({reader.GetFieldType(i).Name})")]);
        }

        return rows;
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
