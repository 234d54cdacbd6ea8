using Partnership.Domain;
using Partnership.Reporting.Delivery;
using static Partnership.Reporting.Tests.ReportData;

namespace Partnership.Reporting.Tests;

public class ChangeTests
{
    private static ReportCell Cell(decimal? value) =>
        new(Q(2024, 3), value, null, null, FigureMethod.Exact, null, false, Confidentiality.Free, [], "");

    [Theory]
    [InlineData(400, 409, 9, 2.3)]     // 2.25% rounds half away from zero to 2.3 (banker's rounding would give 2.2)
    [InlineData(400, 391, -9, -2.3)]   // and -2.25% to -2.3
    [InlineData(22_046, 20_812, -1_234, -5.6)]
    public void Between_Counts_GiveAbsoluteAndPercentRoundedHalfAwayFromZero(int before, int now, int absolute, double percent)
    {
        var change = Change.Between(FigureKind.Count, Cell(now), Cell(before))!;

        Assert.Equal(absolute, change.Absolute);
        Assert.Equal((decimal)percent, change.RoundedPercent);
        Assert.Null(change.PercentagePoints);
    }

    [Fact]
    public void Between_CountFromZero_HasNoPercentage()
    {
        var change = Change.Between(FigureKind.Count, Cell(3), Cell(0))!;

        Assert.Equal(3m, change.Absolute);
        Assert.Null(change.Percent);
        Assert.Contains("zero", change.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Between_Ratios_ArePercentagePointsFromUnroundedValues()
    {
        // 72.649% shows as 72.6% and 71.351% as 71.4%: the rounded figures differ by 1.2 points, the true change is 1.298 points.
        var change = Change.Between(FigureKind.Ratio, Cell(0.72649m), Cell(0.71351m))!;

        Assert.Equal(1.298m, change.PercentagePoints);
        Assert.Equal(1.3m, change.RoundedPercentagePoints);
        Assert.Null(change.Percent);
    }

    [Fact]
    public void Between_MissingFigure_IsNoChange()
    {
        Assert.Null(Change.Between(FigureKind.Count, Cell(10), Cell(null)));
    }
}
