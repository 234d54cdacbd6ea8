using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Rollups;
using static Partnership.Reporting.Tests.ReportData;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

public class DeliveryReportBuilderTests
{
    private const string Crime = "crime.total_recorded";
    private const string Solved = "crime.violence_with_injury_solved";
    private const string Backlog = "cjs.crown_outstanding";
    private const string RepeatMissing = "safeguarding.missing_children_repeat";
    private const string FeelingSafe = "survey.feeling_safe";

    // Quarterly recorded crime per district: Bradford, Calderdale, Kirklees, Leeds, Wakefield.
    private static readonly decimal[] QuarterBase = [18_402, 6_977, 14_120, 27_315, 11_004];

    /// <summary>Two financial years of quarters for every district; each quarter 1% above the last.</summary>
    private static List<ObservedRow> TwoYearsOfCrime()
    {
        var rows = new List<ObservedRow>();
        for (var year = 2023; year <= 2024; year++)
        {
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                var step = ((year - 2023) * 4) + quarter - 1;
                for (var d = 0; d < Districts.Length; d++)
                {
                    rows.Add(Value(Crime, Districts[d], Q(year, quarter), QuarterBase[d] + (step * 100)));
                }
            }
        }

        return rows;
    }

    [Fact]
    public void Build_PreviousYear_ComparesTheSameQuarterAYearEarlier()
    {
        var row = Row(TwoYearsOfCrime(), Crime, Q(2024, 3), null, ComparisonKind.PreviousYear);
        var county = row.County.For(ComparisonKind.PreviousYear)!;

        // Each district is 400 higher than a year earlier: 2,000 across the county on 77,818 + 1,000.
        Assert.Equal(Q(2023, 3), county.Previous.Window);
        Assert.Equal(77_818m + 1_000m, county.Previous.Value);
        Assert.Equal(77_818m + 3_000m, county.Current.Value);
        Assert.Equal(400m * 5, county.Change!.Absolute);
        Assert.Equal(2.5m, county.Change.RoundedPercent); // 2,000 / 78,818 = 2.537...%
        Assert.Equal(FigureMethod.Exact, county.Current.Method);
        Assert.Equal(Districts, county.Current.Included);
        Assert.False(county.Current.Provisional);
    }

    [Fact]
    public void Build_Rolling12Months_TilesFourQuartersPerDistrict()
    {
        var row = Row(TwoYearsOfCrime(), Crime, Q(2024, 4), null, ComparisonKind.Rolling12Months);
        var county = row.County.For(ComparisonKind.Rolling12Months)!;

        Assert.Equal(Period.Months(new DateOnly(2024, 4, 1), new DateOnly(2025, 3, 1)), county.Current.Window);
        Assert.Equal(FigureMethod.Tiled, county.Current.Method);
        // Steps 4..7 for FY2024/25: 4 x 77,818 + 5 x (400 + 500 + 600 + 700).
        Assert.Equal((4 * 77_818m) + (5 * 2_200m), county.Current.Value);
        Assert.Equal((4 * 77_818m) + (5 * 600m), county.Previous.Value);
        // Every quarter of every district is a source, with its revision.
        Assert.Equal(20, county.Current.Sources.Count);
        var leeds = row.Districts.Single(d => d.Area.Code == Leeds).For(ComparisonKind.Rolling12Months)!;
        Assert.Equal((4 * 27_315m) + 2_200m, leeds.Current.Value);
    }

    [Fact]
    public void Build_MonthsAndQuartersMixed_TileWhenTheyCoverTheWindowExactly()
    {
        var rows = TwoYearsOfCrime().Where(r => !(r.Figure.AreaCode == Wakefield && r.Period == Q(2024, 3))).ToList();
        // Wakefield sent October, November and December 2024 as months instead of Q3.
        rows.Add(Value(Crime, Wakefield, Period.Months(new DateOnly(2024, 10, 1), new DateOnly(2024, 10, 1)), 3_900));
        rows.Add(Value(Crime, Wakefield, Period.Months(new DateOnly(2024, 11, 1), new DateOnly(2024, 11, 1)), 3_800));
        rows.Add(Value(Crime, Wakefield, Period.Months(new DateOnly(2024, 12, 1), new DateOnly(2024, 12, 1)), 3_700, ObservationStatus.Provisional));

        var row = Row(rows, Crime, Q(2024, 4), null, ComparisonKind.YearToDate);
        var wakefield = row.Districts.Single(d => d.Area.Code == Wakefield).For(ComparisonKind.YearToDate)!;
        var county = row.County.For(ComparisonKind.YearToDate)!;

        Assert.Equal(11_004m + 400 + 11_004 + 500 + 11_400 + 11_004 + 700, wakefield.Current.Value);
        Assert.Equal(6, wakefield.Current.Sources.Count);
        Assert.True(county.Current.Provisional); // December is provisional
        Assert.False(county.Previous.Provisional);
    }

    [Fact]
    public void Build_GapInTheQuarters_LeavesTheDistrictMissingAndSaysWhy()
    {
        var rows = TwoYearsOfCrime().Where(r => !(r.Figure.AreaCode == Kirklees && r.Period == Q(2024, 2))).ToList();

        var county = Row(rows, Crime, Q(2024, 4), null, ComparisonKind.Rolling12Months).County.For(ComparisonKind.Rolling12Months)!;

        Assert.True(county.Current.Provisional);
        Assert.Equal([Kirklees], county.Current.Missing);
        Assert.Contains("Kirklees", county.Current.Explanation, StringComparison.Ordinal);
        Assert.Contains("2024-07 uncovered", county.Current.Explanation, StringComparison.Ordinal);
        // The rollup of four districts is shown, and is smaller only visibly.
        Assert.Equal((4 * 77_818m) + (5 * 2_200m) - ((4 * 14_120m) + 2_200m), county.Current.Value);
    }

    [Fact]
    public void Build_AprilToDecember_IsNeverPassedOffAsTwelveMonths()
    {
        // Only a year-to-date figure for Apr-Dec: the rolling 12 months to December cannot be made from it.
        var rows = Districts.Select(d => Value(Crime, d, Period.Months(new DateOnly(2024, 4, 1), new DateOnly(2024, 12, 1)), 50_000)).ToList();

        var row = Row(rows, Crime, Q(2024, 3), null, ComparisonKind.YearToDate, ComparisonKind.Rolling12Months);

        Assert.Equal(250_000m, row.County.For(ComparisonKind.YearToDate)!.Current.Value);
        var rolling = row.County.For(ComparisonKind.Rolling12Months)!.Current;
        Assert.Null(rolling.Value);
        Assert.Contains("2024-01 uncovered", rolling.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RatioOverTwelveMonths_IsSumOfNumeratorsOverSumOfDenominators()
    {
        var rows = new List<ObservedRow>();
        for (var quarter = 1; quarter <= 4; quarter++)
        {
            rows.Add(Fraction(Solved, Bradford, Q(2024, quarter), 10, 100));
            rows.Add(Fraction(Solved, Leeds, Q(2024, quarter), 90, 300));
        }

        var county = Row(rows, Solved, Q(2024, 4), null, ComparisonKind.Rolling12Months).County.For(ComparisonKind.Rolling12Months)!.Current;

        Assert.Equal(0.25m, county.Value); // 400 / 1,600, not the mean of 10% and 30% (20%)
        Assert.Equal(400m, county.Numerator);
        Assert.Equal(1_600m, county.Denominator);
        Assert.True(county.Provisional); // three districts sent nothing
    }

    [Fact]
    public void Build_Snapshots_TakeTheLatestAtOrBeforeTheWindowEndWithItsDate()
    {
        var rows = new List<ObservedRow>
        {
            Value(Backlog, WestYorkshire, Period.Snapshot(new DateOnly(2024, 9, 30)), 2_210),
            Value(Backlog, WestYorkshire, Period.Snapshot(new DateOnly(2024, 11, 30)), 2_264),
            Value(Backlog, WestYorkshire, Period.Snapshot(new DateOnly(2025, 1, 31)), 2_301), // after Q3 ends
            Value(Backlog, WestYorkshire, Period.Snapshot(new DateOnly(2023, 12, 31)), 2_020),
        };

        var comparison = Row(rows, Backlog, Q(2024, 3), null, ComparisonKind.PreviousYear, ComparisonKind.Rolling12Months).County;
        var previousYear = comparison.For(ComparisonKind.PreviousYear)!;

        Assert.Equal(2_264m, previousYear.Current.Value); // never added across time
        Assert.Equal(new DateOnly(2024, 11, 30), previousYear.Current.AsOf);
        Assert.Equal(FigureMethod.LatestSnapshot, previousYear.Current.Method);
        Assert.Equal(2_020m, previousYear.Previous.Value);
        Assert.Equal(new DateOnly(2023, 12, 31), previousYear.Previous.AsOf);
        Assert.Equal(244m, previousYear.Change!.Absolute);
        Assert.Equal(2_264m, comparison.For(ComparisonKind.Rolling12Months)!.Current.Value);
    }

    [Fact]
    public void Build_SnapshotsOfDistricts_AddOnlyOnTheSameDate()
    {
        var end = new DateOnly(2024, 12, 31);
        var rows = Districts.Select((d, i) => Value(Backlog, d, Period.Snapshot(end), 100 * (i + 1))).ToList();
        rows[4] = Value(Backlog, Wakefield, Period.Snapshot(new DateOnly(2024, 9, 30)), 480); // Wakefield is a quarter behind

        var cell = Row(rows, Backlog, Q(2024, 3), null, ComparisonKind.PreviousYear).County.For(ComparisonKind.PreviousYear)!.Current;

        Assert.Equal(100m + 200 + 300 + 400, cell.Value);
        Assert.Equal(end, cell.AsOf);
        Assert.Equal([Wakefield], cell.Missing);
        Assert.True(cell.Provisional);
        Assert.Contains("latest held: 2024-09-30", cell.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CountyOnly_ShowsTheSubmittedCountyFigureWithTheDistrictSumBeside()
    {
        // Unique people: a child missing in Leeds and in Bradford is one child in the county.
        var rows = new List<ObservedRow> { Value(RepeatMissing, WestYorkshire, Q(2024, 3), 231) };
        rows.AddRange(Districts.Select((d, i) => Value(RepeatMissing, d, Q(2024, 3), 40 + (i * 5))));

        var row = Row(rows, RepeatMissing, Q(2024, 3), null, ComparisonKind.PreviousYear, ComparisonKind.Rolling12Months);
        var current = row.County.For(ComparisonKind.PreviousYear)!.Current;

        Assert.Equal(231m, current.Value);
        Assert.Equal(250m, current.DistrictSum);
        Assert.Equal(CountySource.SubmittedCountyFigure, current.Source);
        Assert.Equal(5, row.Districts.Count);
        Assert.Equal(50m, row.Districts.Single(d => d.Area.Code == Kirklees).For(ComparisonKind.PreviousYear)!.Current.Value);
        // Unique people cannot be added across quarters into 12 months.
        var rolling = row.County.For(ComparisonKind.Rolling12Months)!.Current;
        Assert.Null(rolling.Value);
        Assert.Contains("unique people", rolling.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Target_JudgesOnlyWindowsItIsSetFor()
    {
        var target = new PlanTarget(300_000m, WindowMonths: 12);

        var row = Row(TwoYearsOfCrime(), Crime, Q(2024, 4), target, ComparisonKind.PreviousYear, ComparisonKind.Rolling12Months);

        Assert.Null(row.County.For(ComparisonKind.PreviousYear)!.Status);
        Assert.Contains("12-month", row.County.For(ComparisonKind.PreviousYear)!.StatusExplanation, StringComparison.Ordinal);
        // 322,272 against 300,000: worse by 7.4%, so Red.
        Assert.Equal(Rag.Red, row.Status!.Status);
        Assert.Equal(322_272m, row.Status.Value);
    }

    [Fact]
    public void Build_TargetOnARate_IsJudgedInPercent()
    {
        var rows = new List<ObservedRow> { Fraction(Solved, Bradford, Q(2024, 1), 749, 1000) };
        rows.AddRange(Districts.Skip(1).Select(d => Fraction(Solved, d, Q(2024, 1), 0, 0)));

        var row = Row(rows, Solved, Q(2024, 1), new PlanTarget(74.9m), ComparisonKind.PreviousYear);

        Assert.Equal(Rag.Green, row.Status!.Status); // exactly on target
        Assert.Equal(74.9m, row.Status.Value);
    }

    [Fact]
    public void Build_NoTrendSubmitted_SuggestsOneAndDampsSmallBases()
    {
        var rows = new List<ObservedRow>();
        foreach (var (year, bradford) in new[] { (2023, 6m), (2024, 7m) })
        {
            rows.AddRange(Districts.Select(d => Value("crime.homicide", d, Q(year, 2), d == Bradford ? bradford : 0)));
        }

        var trend = Row(rows, "crime.homicide", Q(2024, 2)).Trend;

        Assert.Equal(Trend.Steady, trend.Arrow); // 6 -> 7 is within noise
        Assert.True(trend.Suggested);
    }

    [Fact]
    public void Build_LargeMovement_SuggestsAnArrowInItsDirection()
    {
        var rows = TwoYearsOfCrime().Select(r => r.Period == Q(2024, 2) ? r with { Figure = r.Figure with { Figure = Figure.OfValue(r.Figure.Figure.Value!.Value * 0.9m) } } : r).ToList();

        var trend = Row(rows, Crime, Q(2024, 2)).Trend;

        Assert.Equal(Trend.Down, trend.Arrow);
        Assert.True(trend.Suggested);
    }

    [Fact]
    public void Build_SubmittedTrend_IsKeptEvenAgainstTheNumbers()
    {
        var rows = new List<ObservedRow>
        {
            Value(FeelingSafe, WestYorkshire, Q(2023, 3), 80.1m),
            Value(FeelingSafe, WestYorkshire, Q(2024, 3), 84.9m, trend: Trend.Steady, note: "Survey method changed in Q2"),
        };

        var row = Row(rows, FeelingSafe, Q(2024, 3));

        Assert.Equal(Trend.Steady, row.Trend.Arrow);
        Assert.False(row.Trend.Suggested);
        Assert.Equal("Survey method changed in Q2", row.Comment);
        Assert.Equal(4.8m, row.County.For(ComparisonKind.PreviousYear)!.Change!.PercentagePoints);
    }

    [Fact]
    public void Build_Series_GoesBackQuarterByQuarterWithDistrictLines()
    {
        var row = Row(TwoYearsOfCrime(), Crime, Q(2024, 4));

        var county = row.Series.Single(l => l.IsCounty);
        Assert.Equal(8, county.Points.Count);
        Assert.Equal(Q(2023, 1), county.Points[0].Window);
        Assert.Equal(77_818m, county.Points[0].Value);
        Assert.Equal(6, row.Series.Count);
    }

    [Fact]
    public void Build_MeasureNotInTheCatalogue_IsAnEmptyRowThatSaysWhy()
    {
        var row = Row([], "victims.not_yet_defined", Q(2024, 4));

        Assert.Null(row.Measure);
        Assert.Contains("does not define", row.County.Comparisons[0].Current.Explanation, StringComparison.Ordinal);
    }
}
