using Google.Rpc;
using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Contracts.Status.V1;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Submissions.Tests;

/// <summary>
/// Issue 17, item 1: a figure is counted once. A return carries its own window only; two returns
/// claiming one figure are a conflict shown to both submitters and in the report, never a sum;
/// partners of a measure that combines returns still add up.
/// </summary>
public abstract class OneFigureOnceTests
{
    protected abstract TestStore NewStore();

    private const string Homicide = "crime.homicide";
    private const string Q4 = "FY2024/25-Q4";
    private const string Year = "FY2024/25";

    private static Contracts.Crime.V1.SubmitReturnRequest CrimeReturn(string period, params (string Measure, string? Period, decimal Value)[] rows)
    {
        var request = new Contracts.Crime.V1.SubmitReturnRequest { AreaCode = Kirklees, Period = DomainPeriod.Parse(period).ToContract(), SubmittedBy = "Kirklees CSP" };
        foreach (var (row, line) in rows.Select((r, i) => (r, i + 2)))
        {
            request.Observations.Add(new Proto.ObservationInput
            {
                MeasureId = row.Measure,
                Period = row.Period is null ? null : DomainPeriod.Parse(row.Period).ToContract(),
                Value = row.Value,
                SourceLine = line,
            });
        }

        return request;
    }

    private static Task<CountyRollup> RollupAsync(ExchangeHost host, string period) =>
        host.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = WestYorkshire, Period = DomainPeriod.Parse(period).ToContract(), Audience = ReportAudience.Partner }).ResponseAsync;

    private static async Task<ReportCell?> KirkleesHomicideCellAsync(ExchangeHost host, string period)
    {
        var request = new GetDeliveryReportRequest { ForceAreaCode = WestYorkshire, Period = new Proto.Period { Label = period }, Audience = ReportAudience.Partner };
        var report = await new DeliveryReports.DeliveryReportsClient(host.Channel).GetDeliveryReportAsync(request);
        var measure = report.Themes.SelectMany(t => t.Objectives).SelectMany(o => o.Measures).Single(m => m.MeasureId == Homicide);
        return measure.Districts.SingleOrDefault(d => d.Area.Code == Kirklees)?.Comparisons[0].Current;
    }

    [Fact]
    public async Task SubmitReturn_RowForAnotherQuarter_IsRefusedAndThatQuartersFigureStays()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        await host.Crime.SubmitReturnAsync(CrimeReturn(Q4, (Homicide, null, 3)));

        // The issue's repro: a Q1 return carrying a figure for the quarter before.
        var refused = await Assert.ThrowsAsync<RpcException>(() => host.Crime.SubmitReturnAsync(
            CrimeReturn("FY2025/26-Q1", ("crime.total_recorded", null, 5000), (Homicide, Q4, 500))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var violation = Assert.Single(refused.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("observations[1].period", violation.Field);
        Assert.StartsWith("line 3, crime.homicide: FY2024/25-Q4 lies outside the return's window FY2025/26-Q1", violation.Description, StringComparison.Ordinal);
        var rollup = await Eventually.WaitForAsync(() => RollupAsync(host, Q4), r => r.Measures.Any(m => m.Measure.Id == Homicide), what: "the Q4 return at the aggregator");
        Assert.Equal(3m, rollup.Measures.Single(m => m.Measure.Id == Homicide).Districts.Single(d => d.AreaCode == Kirklees).Value.ToDecimal());
        var nothingInQ1 = await RollupAsync(host, "FY2025/26-Q1");
        Assert.DoesNotContain(nothingInQ1.Measures, m => m.Measure.Id == "crime.total_recorded");
    }

    [Fact]
    public async Task TwoReturnsClaimingOneFigure_NeverAdded_ShownInReportStatusAndHistory()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        var quarter = await host.Crime.SubmitReturnAsync(CrimeReturn(Q4, (Homicide, null, 3)));
        // Submitted later: a year return restating each quarter, Q4 differently.
        var year = await host.Crime.SubmitReturnAsync(CrimeReturn(Year,
            (Homicide, "FY2024/25-Q1", 1), (Homicide, "FY2024/25-Q2", 2), (Homicide, "FY2024/25-Q3", 4), (Homicide, Q4, 500)));

        // The report: the quarter's own return is the figure (3), not 503 and not the later 500; both returns are named.
        var cell = await Eventually.WaitForAsync(() => KirkleesHomicideCellAsync(host, Q4), c => c?.Sources.Count == 2, what: "both returns at the aggregator");
        Assert.Equal(3m, cell!.Value.ToDecimal());
        var quarterKey = $"crime-measures|{Kirklees}|2025-01-01..2025-03-31";
        var yearKey = $"crime-measures|{Kirklees}|2024-04-01..2025-03-31";
        Assert.Equal([(quarter.ReturnId, quarterKey, false), (year.ReturnId, yearKey, true)],
            cell.Sources.Select(s => (s.ReturnId, s.ReturnKey, s.NotUsed)).OrderBy(s => s.NotUsed));
        Assert.Equal(
            $"Conflicting returns for {Kirklees} FY2024/25-Q4: {quarterKey} r1 gives 3 used (the return for exactly FY2024/25-Q4); {yearKey} r1 gives 500 not used. Conflicting returns are never added.",
            cell.Explanation);

        // The published Markdown names the conflict in a note under the table, though the cell has a figure.
        var markdown = await new DeliveryReports.DeliveryReportsClient(host.Channel).RenderDeliveryReportAsync(new RenderDeliveryReportRequest
        {
            Report = new GetDeliveryReportRequest { ForceAreaCode = WestYorkshire, Period = new Proto.Period { Label = Q4 }, Audience = ReportAudience.Partner },
            Format = ReportFormat.Markdown,
        });
        // (A table cell escapes the return keys' "|".)
        Assert.Contains($"Kirklees: Conflicting returns for {Kirklees} FY2024/25-Q4: {quarterKey.Replace("|", "\\|", StringComparison.Ordinal)} r1 gives 3 used", markdown.Content, StringComparison.Ordinal);

        // The rollup agrees, and says so too.
        var homicide = (await RollupAsync(host, Q4)).Measures.Single(m => m.Measure.Id == Homicide);
        Assert.Equal(3m, homicide.Districts.Single(d => d.AreaCode == Kirklees).Value.ToDecimal());
        Assert.Equal(3m, homicide.CountyValue.ToDecimal());
        Assert.Contains($"{yearKey} r1 gives 500 not used", homicide.Explanation, StringComparison.Ordinal);

        // Status: each submitter sees the conflict on its own return, with both figures.
        var status = new ReturnStatus.ReturnStatusClient(host.Channel);
        var q4Conflict = Assert.Single(Assert.Single((await status.ListReturnsAsync(new ListReturnsRequest { Period = DomainPeriod.Parse(Q4).ToContract() })).Returns).Conflicts);
        Assert.Equal((Homicide, true, yearKey, 3m, 500m), (q4Conflict.MeasureId, q4Conflict.Used, q4Conflict.OtherReturnKey, q4Conflict.Observation.Value.ToDecimal(), q4Conflict.OtherObservation.Value.ToDecimal()));
        var yearConflict = Assert.Single(Assert.Single((await status.ListReturnsAsync(new ListReturnsRequest { Period = DomainPeriod.Parse(Year).ToContract() })).Returns).Conflicts);
        Assert.Equal((Homicide, false, quarterKey, 500m, 3m), (yearConflict.MeasureId, yearConflict.Used, yearConflict.OtherReturnKey, yearConflict.Observation.Value.ToDecimal(), yearConflict.OtherObservation.Value.ToDecimal()));

        // History: one current row, the one the report uses.
        var history = await status.GetObservationHistoryAsync(new GetObservationHistoryRequest { MeasureId = Homicide, AreaCode = Kirklees, Period = DomainPeriod.Parse(Q4).ToContract() });
        Assert.Equal([quarter.ReturnId], history.Revisions.Where(r => r.InReport).Select(r => r.ReturnId));
        Assert.Equal($"conflicts with {quarterKey}, which the report uses", history.Revisions.Single(r => r.ReturnId == year.ReturnId).Conflict);
    }

    [Fact]
    public async Task CombiningMeasure_TwoProvidersForOneForce_AddUpWithoutConflict()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.VictimServices | ExchangeServices.Reporting, NewStore());
        await host.Victims.SubmitCommissioningAsync(VictimCommissioning.FY2024());
        foreach (var (provider, total) in new[] { ("wy-general", 480m), ("wy-isva", 70m) })
        {
            var request = new Contracts.Victims.V1.SubmitReturnRequest { AreaCode = WestYorkshire, Period = DomainPeriod.Parse(Q4).ToContract(), SubmittedBy = provider, CommissionId = provider };
            foreach (var (measure, value) in new[] { ("victims.referrals", total), ("victims.referrals_police", total - 10), ("victims.self_referrals", 10m), ("victims.referrals_other_agencies", 0m), ("victims.referrals_national_fraud", 0m) })
            {
                request.Observations.Add(new Proto.ObservationInput { MeasureId = measure, Value = value, SourceLine = 2 });
            }

            await host.Victims.SubmitReturnAsync(request);
        }

        await Eventually.WaitForAsync(
            () => host.Reporting.ListReceivedReturnsAsync(new ListReceivedReturnsRequest { Period = DomainPeriod.Parse(Q4).ToContract() }).ResponseAsync,
            r => r.Returns.Count == 2, what: "both providers' returns at the aggregator");
        var referrals = (await RollupAsync(host, Q4)).Measures.Single(m => m.Measure.Id == "victims.referrals");
        Assert.Equal(550m, referrals.CountyValue.ToDecimal());
        Assert.DoesNotContain("Conflicting", referrals.Explanation, StringComparison.Ordinal);
        var status = await new ReturnStatus.ReturnStatusClient(host.Channel).ListReturnsAsync(new ListReturnsRequest { Period = DomainPeriod.Parse(Q4).ToContract() });
        Assert.Equal(2, status.Returns.Count);
        Assert.All(status.Returns, r => Assert.Empty(r.Conflicts));
    }
}

public sealed class OneFigureOnceTestsOnSqlite : OneFigureOnceTests
{
    protected override TestStore NewStore() => TestStore.Sqlite();
}

[Collection(PostgresCollection.Name)]
public sealed class OneFigureOnceTestsOnPostgres(PostgresFixture postgres) : OneFigureOnceTests
{
    protected override TestStore NewStore() => postgres.NewStore();
}
