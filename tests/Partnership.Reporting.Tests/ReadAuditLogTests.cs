using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Partnership.Domain;
using Partnership.Reporting.ReadModel;
using Partnership.Security;
using Partnership.Storage;
using Partnership.Testing;

namespace Partnership.Reporting.Tests;

/// <summary>The aggregator's read audit is stored durably on each provider and listed by area and period.</summary>
public abstract class ReadAuditLogTests
{
    private static readonly DateTimeOffset Now = new(2025, 7, 3, 9, 30, 0, TimeSpan.Zero);

    protected abstract TestStore NewStore();

    private static ReportingDbContext Open(TestStore store)
    {
        var options = new DbContextOptionsBuilder<ReportingDbContext>();
        options.UsePartnershipStore(new ConfigurationBuilder().AddInMemoryCollection(store.Settings).Build(), "reporting-reads");
        return new ReportingDbContext(options.Options);
    }

    private static ReadAuditLog Log(ReportingDbContext db, string path) =>
        new(db, new FixedClock(), new HttpContextAccessor { HttpContext = new DefaultHttpContext { Request = { Path = path } } });

    private static Caller Reader(string agency) =>
        Caller.Anonymous with { Agency = agency, Subject = $"{agency} analyst", ClientAddress = "10.0.0.7" };

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task ListAsync_ReadsRecorded_ThoseOfTheAreaWithinThePeriodOldestFirst()
    {
        using var store = NewStore();
        await using (var db = Open(store))
        {
            await SchemaMigrator.MigrateAsync(db, CancellationToken.None);
            var log = Log(db, "/partnership.reporting.v1.Reporting/GetCountyRollup");
            await log.RecordAsync(Reader("West Yorkshire OPCC"), Areas.WestYorkshire, Period.FinancialQuarter(2025, 1), CancellationToken.None);
            await log.RecordAsync(Reader("Inspectorate"), Areas.WestYorkshire, Period.FinancialQuarter(2025, 2), CancellationToken.None);
            await log.RecordAsync(Reader("West Mercia OPCC"), Areas.WestMercia, Period.FinancialQuarter(2025, 1), CancellationToken.None);
            await log.RecordAsync(Reader("West Yorkshire OPCC"), Areas.WestYorkshire, Period.FinancialQuarter(2024, 4), CancellationToken.None);
        }

        // A new context: what is listed was stored, not remembered.
        await using var reopened = Open(store);
        var reads = await Log(reopened, "/").ListAsync(Areas.WestYorkshire, Period.FinancialYear(2025), 10, CancellationToken.None);

        Assert.Equal(
            [
                ("West Yorkshire OPCC", "West Yorkshire OPCC analyst", "10.0.0.7", Areas.WestYorkshire, "FY2025/26-Q1", "2025-04-01", "2025-06-30", "/partnership.reporting.v1.Reporting/GetCountyRollup", Now.ToUnixTimeMilliseconds()),
                ("Inspectorate", "Inspectorate analyst", "10.0.0.7", Areas.WestYorkshire, "FY2025/26-Q2", "2025-07-01", "2025-09-30", "/partnership.reporting.v1.Reporting/GetCountyRollup", Now.ToUnixTimeMilliseconds()),
            ],
            reads.Select(r => (r.Agency, r.Subject, r.ClientAddress, r.AreaCode, r.PeriodLabel, r.PeriodStart, r.PeriodEnd, r.Call, r.OccurredAtMs)));
    }
}

public sealed class ReadAuditLogTestsOnSqlite : ReadAuditLogTests
{
    protected override TestStore NewStore() => TestStore.Sqlite();
}

[Collection(PostgresCollection.Name)]
public sealed class ReadAuditLogTestsOnPostgres(PostgresFixture postgres) : ReadAuditLogTests
{
    protected override TestStore NewStore() => postgres.NewStore();
}
