using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Publishing;
using static Partnership.Reporting.Tests.ReportData;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

public class LandingPeriodTests
{
    private static IEnumerable<HeldReturn> Crime(Period quarter, params string[] districts) =>
        districts.Select(d => new HeldReturn($"crime-measures {d}", quarter));

    private static Period? Landing(params IEnumerable<HeldReturn>[] returns)
    {
        var all = returns.SelectMany(r => r).ToList();
        return LandingPeriod.Choose(all.Select(r => r.Period).Distinct(), all);
    }

    [Fact]
    public void Choose_OneEarlyReturnForANewQuarter_OpensOnTheLastCompleteQuarter()
    {
        Assert.Equal(Q(2024, 3), Landing(Crime(Q(2024, 2), Districts), Crime(Q(2024, 3), Districts), Crime(Q(2024, 4), Leeds)));
    }

    [Fact]
    public void Choose_EveryDistrictIn_OpensOnTheNewQuarter()
    {
        Assert.Equal(Q(2024, 4), Landing(Crime(Q(2024, 3), Districts), Crime(Q(2024, 4), Districts)));
    }

    [Fact]
    public void Choose_SixMonthlyReturn_IsAwaitedOnlyAtTheEndOfItsHalfYear()
    {
        // The LCJB's half year April to September is not followed until March: December is complete without it, March is not.
        var half = new[] { new HeldReturn($"justice-board {WestYorkshire}", Period.Parse("FY2024/25-H1")) };

        Assert.Equal(Q(2024, 3), Landing(half, Crime(Q(2024, 2), Districts), Crime(Q(2024, 3), Districts)));
        Assert.Equal(Q(2024, 3), Landing(half, Crime(Q(2024, 2), Districts), Crime(Q(2024, 3), Districts), Crime(Q(2024, 4), Districts)));
    }

    [Fact]
    public void Choose_MonthlyReturns_QuarterCompleteOnlyWithItsLastMonth()
    {
        var leedsMonths = new[] { "2024-10", "2024-11", "2024-12", "2025-01" }.Select(m => new HeldReturn($"crime-measures {Leeds}", Period.Parse($"{m}..{m}")));
        var others = Crime(Q(2024, 3), Bradford).Concat(Crime(Q(2024, 4), Bradford));

        // Q4 (January to March) has Bradford's quarter but only Leeds's January.
        Assert.Equal(Q(2024, 3), LandingPeriod.Choose([Q(2024, 3), Q(2024, 4)], [.. leedsMonths, .. others]));
    }

    [Fact]
    public void Choose_NoQuarterWithFigures_IsNull()
    {
        Assert.Null(LandingPeriod.Choose([Period.Parse("2024-10..2024-10")], [new HeldReturn("crime-measures " + Leeds, Period.Parse("2024-10..2024-10"))]));
    }
}
