using Partnership.Contracts;
using Partnership.Contracts.Crime.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Contracts.Status.V1;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Submissions.Tests;

/// <summary>
/// A partner's figure for a 12-month window against its own four quarters: the report uses the
/// submitted figure and says so, and <c>status</c> shows the submitter the difference.
/// </summary>
public abstract class WindowDifferenceTests
{
    protected abstract TestStore NewStore();

    private const string TotalRecorded = "crime.total_recorded";
    private static readonly DomainPeriod Year = DomainPeriod.Parse("2020-01..2020-12");
    private static readonly DomainPeriod[] Quarters = [.. new[] { "FY2019/20-Q4", "FY2020/21-Q1", "FY2020/21-Q2", "FY2020/21-Q3" }.Select(DomainPeriod.Parse)];

    private static SubmitReturnRequest Return(string area, DomainPeriod period, decimal value)
    {
        var request = new SubmitReturnRequest { AreaCode = area, Period = period.ToContract(), SubmittedBy = area + " CSP" };
        request.Observations.Add(new Proto.ObservationInput { MeasureId = TotalRecorded, Value = value, SourceLine = 2 });
        return request;
    }

    [Fact]
    public async Task ListReturns_TwelveMonthsDifferFromTheQuarters_ShowsTheSubmitterTheDifference()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting, NewStore());
        foreach (var area in new[] { Leeds, Bradford })
        {
            foreach (var quarter in Quarters)
            {
                await host.Crime.SubmitReturnAsync(Return(area, quarter, 250));
            }
        }

        // Leeds counted 990 crimes over the 12 months; its quarters add up to 4 x 250 = 1,000. Bradford's agree.
        await host.Crime.SubmitReturnAsync(Return(Leeds, Year, 990));
        await host.Crime.SubmitReturnAsync(Return(Bradford, Year, 1_000));

        var status = await new ReturnStatus.ReturnStatusClient(host.Channel).ListReturnsAsync(new ListReturnsRequest { Period = Year.ToContract() });

        var difference = Assert.Single(status.WindowDifferences);
        Assert.Equal((Leeds, TotalRecorded, 990m, 1_000m), (difference.AreaCode, difference.MeasureId, difference.Submitted.ToDecimal(), difference.Tiled.ToDecimal()));
        Assert.Equal(Quarters.Select(q => q.Label), difference.TiledFrom);

        // The county rollup of the 12 months uses Leeds's submitted figure and says so: 990 + 1,000.
        var rollup = await Eventually.WaitForAsync(
            () => host.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = WestYorkshire, Period = Year.ToContract() }).ResponseAsync,
            // Events arrive in any order: wait until Leeds's quarters are in too, so the rollup can compare,
            // and until Bradford's figures are in, whichever of its windows came first.
            r => r.Measures.SingleOrDefault(m => m.Measure.Id == TotalRecorded) is { } m
                && m.Explanation.Contains("add up to", StringComparison.Ordinal)
                && m.DistrictsIncluded.Contains(Bradford),
            what: "Leeds's 12 months and quarters, and Bradford's figures, in the rollup");
        var measure = rollup.Measures.Single(m => m.Measure.Id == TotalRecorded);
        Assert.Equal(1_990m, measure.CountyValue.ToDecimal());
        Assert.Contains("Leeds: the figure submitted for 12 months to 2020-12 (990) is used; the shorter windows held (FY2019/20-Q4 + FY2020/21-Q1 + FY2020/21-Q2 + FY2020/21-Q3) add up to 1000", measure.Explanation, StringComparison.Ordinal);
    }
}

public sealed class WindowDifferenceTestsOnSqlite : WindowDifferenceTests
{
    protected override TestStore NewStore() => TestStore.Sqlite();
}

[Collection(PostgresCollection.Name)]
public sealed class WindowDifferenceTestsOnPostgres(PostgresFixture postgres) : WindowDifferenceTests
{
    protected override TestStore NewStore() => postgres.NewStore();
}
