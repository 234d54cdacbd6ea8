using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Contracts;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Contracts.Status.V1;
using Partnership.CrimeMeasures;
using Partnership.Reporting.ReadModel;
using Partnership.Security;
using Partnership.Storage;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using AuditV1 = Partnership.Contracts.Audit.V1;
using DomainPeriod = Partnership.Domain.Period;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Submissions.Tests.Storage;

/// <summary>
/// Databases the previous release wrote, with West Yorkshire under its county code <c>E11000006</c>:
/// started on by this release, everything in them reads under the force area code, and nothing is lost.
/// </summary>
public abstract class RetiredAreaCodeUpgradeTests
{
    protected abstract TestStore NewStore();

    private const string FeelingSafe = "survey.feeling_safe";
    private static readonly DomainPeriod Q3 = DomainPeriod.Parse("FY2020/21-Q3");
    private static readonly Dictionary<string, string> Downgrade = new() { [WestYorkshire] = WestYorkshireCounty };

    // Every column the upgrade rewrites, and only those, as the previous release would have filled them.
    private static readonly (string Table, string Column)[] DomainServiceText =
        [("returns", "AreaCode"), ("returns", "ReturnKey"), ("observations", "AreaCode"), ("audit_trail", "AreaCode"), ("audit_trail", "Detail")];

    private static readonly (string Table, string Column)[] AggregatorText =
        [("return_versions", "AreaCode"), ("return_versions", "ReturnKey"), ("observations", "AreaCode"), ("observations", "ReturnKey"), ("processed_events", "ReturnKey"), ("read_audit", "AreaCode")];

    private static SubmitReturnRequest Survey(decimal percent)
    {
        var request = new SubmitReturnRequest { AreaCode = WestYorkshire, Period = Q3.ToContract(), SubmittedBy = "West Yorkshire Police" };
        request.Observations.Add(new Proto.ObservationInput { MeasureId = FeelingSafe, Value = percent, SourceLine = 2 });
        return request;
    }

    [Fact]
    public async Task Start_DatabasesWrittenUnderTheCountyCode_ReadEverythingUnderTheForceAreaCode()
    {
        using var store = NewStore();
        var options = new ExchangeOptions { Store = store, KeepStore = true };
        const ExchangeServices services = ExchangeServices.CrimeMeasures | ExchangeServices.Reporting;
        Rows before;
        await using (var previous = await ExchangeHost.StartAsync(services, options))
        {
            await previous.Crime.SubmitReturnAsync(Survey(81.5m));
            await previous.Crime.SubmitReturnAsync(Survey(82.5m));
            await Eventually.WaitForAsync(() => RollupAsync(previous), r => CountyValue(r) == 82.5m, what: "revision 2 at the aggregator");
            before = await WriteAsThePreviousReleaseAsync(previous);
        }

        // Two revisions in the domain service; the aggregator holds the latest one's figures and both events.
        Assert.Equal(new Rows(2, 2, 2, 2, 1, 1, 2, 1), before);

        await using var upgraded = await ExchangeHost.StartAsync(services, options);

        Assert.Equal(before, await RowsAsync(upgraded, WestYorkshire));
        Assert.Equal(new Rows(0, 0, 0, 0, 0, 0, 0, 0), await RowsAsync(upgraded, WestYorkshireCounty));

        // History: both revisions, asked for by either code.
        var status = new ReturnStatus.ReturnStatusClient(upgraded.Channel);
        foreach (var code in new[] { WestYorkshire, WestYorkshireCounty })
        {
            var history = await status.GetObservationHistoryAsync(new GetObservationHistoryRequest { MeasureId = FeelingSafe, AreaCode = code, Period = Q3.ToContract() });
            Assert.Equal([(1, 81.5m), (2, 82.5m)], history.Revisions.Select(r => (r.Revision, r.Observation.Value.ToDecimal())));
        }

        // The audit trail: both submissions, under the force area code.
        var trail = await upgraded.Audit.ListAuditEntriesAsync(new AuditV1.ListAuditEntriesRequest { AreaCode = WestYorkshireCounty, Period = Q3.ToContract() });
        Assert.Equal([(WestYorkshire, 1), (WestYorkshire, 2)], trail.Entries.Select(e => (e.AreaCode, e.Revision)));

        // The report and the aggregator's read audit.
        Assert.Equal(82.5m, CountyValue(await RollupAsync(upgraded)));
        Assert.Equal(82.5m, CountyValue(await upgraded.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = WestYorkshireCounty, Period = Q3.ToContract() })));
        await upgraded.InScopeAsync(async services =>
            Assert.Equal(["West Yorkshire OPCC"], (await services.GetRequiredService<ReadAuditLog>().ListAsync(WestYorkshire, Q3, 10, default)).Select(e => e.Agency)));
    }

    private static Task<CountyRollup> RollupAsync(ExchangeHost host) =>
        host.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = WestYorkshire, Period = Q3.ToContract() }).ResponseAsync;

    private static decimal? CountyValue(CountyRollup rollup) =>
        rollup.Measures.SingleOrDefault(m => m.Measure.Id == FeelingSafe)?.CountyValue?.ToDecimal();

    /// <summary>
    /// Puts the data back under the county code and both databases back at the schema version before the
    /// upgrade (the domain service's step 4, the aggregator's step 6): what the previous release wrote.
    /// </summary>
    private static async Task<Rows> WriteAsThePreviousReleaseAsync(ExchangeHost host)
    {
        await host.InScopeAsync(async services =>
        {
            var reads = services.GetRequiredService<ReadAuditLog>();
            await reads.RecordAsync(Caller.Anonymous with { Agency = "West Yorkshire OPCC", Subject = "analyst" }, WestYorkshire, Q3, default);

            var crime = services.GetRequiredService<CrimeMeasuresDbContext>();
            await SchemaStep.ReplaceCodes(0, "downgrade", Downgrade, DomainServiceText, [("outbox", "Data")]).ApplyAsync(crime, default);
            await crime.Database.ExecuteSqlRawAsync("DELETE FROM schema_version WHERE version >= 4");

            var reporting = services.GetRequiredService<ReportingDbContext>();
            await SchemaStep.ReplaceCodes(0, "downgrade", Downgrade, AggregatorText, []).ApplyAsync(reporting, default);
            await reporting.Database.ExecuteSqlRawAsync("DELETE FROM schema_version WHERE version >= 6");
        });
        return await RowsAsync(host, WestYorkshireCounty);
    }

    /// <summary>Rows under <paramref name="code"/> in each table that holds area codes, and outbox events naming it.</summary>
    private static async Task<Rows> RowsAsync(ExchangeHost host, string code)
    {
        Rows rows = default!;
        await host.InScopeAsync(async services =>
        {
            var crime = services.GetRequiredService<CrimeMeasuresDbContext>();
            var reporting = services.GetRequiredService<ReportingDbContext>();
            var events = await crime.Outbox.AsNoTracking().Select(m => m.Data).ToListAsync();
            rows = new Rows(
                await crime.Returns.CountAsync(r => r.AreaCode == code && r.ReturnKey.Contains(code)),
                await crime.Observations.CountAsync(o => o.AreaCode == code),
                await crime.Audit.CountAsync(a => a.AreaCode == code),
                events.Count(data => Occurrences(data, code) > 0),
                await reporting.ReturnVersions.CountAsync(r => r.AreaCode == code && r.ReturnKey.Contains(code)),
                await reporting.Observations.CountAsync(o => o.AreaCode == code && o.ReturnKey.Contains(code)),
                await reporting.ProcessedEvents.CountAsync(e => e.ReturnKey.Contains(code)),
                await reporting.ReadAudit.CountAsync(e => e.AreaCode == code));
        });
        return rows;
    }

    private static int Occurrences(byte[] data, string code) =>
        System.Text.Encoding.UTF8.GetString(data).Split(code).Length - 1;

    private sealed record Rows(int Returns, int Observations, int Audit, int Outbox, int ReturnVersions, int ReportObservations, int ProcessedEvents, int ReadAudit);
}

public sealed class RetiredAreaCodeUpgradeTestsOnSqlite : RetiredAreaCodeUpgradeTests
{
    protected override TestStore NewStore() => TestStore.Sqlite();
}

[Collection(PostgresCollection.Name)]
public sealed class RetiredAreaCodeUpgradeTestsOnPostgres(PostgresFixture postgres) : RetiredAreaCodeUpgradeTests
{
    protected override TestStore NewStore() => postgres.NewStore();
}
