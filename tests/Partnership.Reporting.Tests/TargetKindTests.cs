using System.Globalization;
using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Plans;
using static Partnership.Reporting.Tests.ReportData;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

/// <summary>Each kind of target at, and either side of, its boundaries, with the numbers worked by hand.</summary>
public class TargetKindTests
{
    private const string Crime = "crime.total_recorded";

    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    // 1,000, lower is better, amber within 5% of 1,000 = 50: up to 1,050.
    [InlineData("999", Rag.Green)]
    [InlineData("1000", Rag.Green)]
    [InlineData("1000.01", Rag.Amber)]
    [InlineData("1050", Rag.Amber)]
    [InlineData("1050.01", Rag.Red)]
    public void Evaluate_Absolute_AmberWithinItsShareOfTheTarget(string value, Rag expected)
    {
        var target = new PlanTarget(1_000m) { Kind = TargetKind.Absolute };

        Assert.Equal(expected, TargetStatus.Evaluate(D(value), target, Polarity.LowerIsBetter)!.Status);
    }

    [Theory]
    // 200, higher is better, the plan's band of 10% = 20: down to 180.
    [InlineData("200", Rag.Green)]
    [InlineData("199.99", Rag.Amber)]
    [InlineData("180", Rag.Amber)]
    [InlineData("179.99", Rag.Red)]
    public void Evaluate_AbsoluteWithItsOwnBand_AmberWithinThatShare(string value, Rag expected)
    {
        var target = new PlanTarget(200m, Threshold: 0.10m);

        Assert.Equal(expected, TargetStatus.Evaluate(D(value), target, Polarity.HigherIsBetter)!.Status);
    }

    [Theory]
    // "2% less than 2012/13" on an outturn of 5,000: 4,900; amber within 5% of 4,900 = 245: up to 5,145.
    [InlineData("4899", Rag.Green)]
    [InlineData("4900", Rag.Green)]
    [InlineData("4900.01", Rag.Amber)]
    [InlineData("5145", Rag.Amber)]
    [InlineData("5145.01", Rag.Red)]
    public void Evaluate_Reduction_AmberWithinItsShareOfTheReducedTarget(string value, Rag expected)
    {
        var target = new PlanTarget { Kind = TargetKind.Reduction, ReductionPercent = 2m, BaselineYear = "2012/13" };

        var status = TargetStatus.Evaluate(D(value), 4_900m, target, Polarity.LowerIsBetter)!;

        Assert.Equal(expected, status.Status);
        Assert.Equal(4_900m, status.Target);
        Assert.Equal(TargetKind.Reduction, status.Kind);
    }

    [Theory]
    // 74.9%, higher is better, amber within 1.5 percentage points: down to 73.4%.
    [InlineData("75", Rag.Green)]
    [InlineData("74.9", Rag.Green)]
    [InlineData("74.89", Rag.Amber)]
    [InlineData("73.4", Rag.Amber)]
    [InlineData("73.39", Rag.Red)]
    public void Evaluate_Rate_AmberWithinItsPercentagePoints(string value, Rag expected)
    {
        var target = new PlanTarget(74.9m) { Kind = TargetKind.Rate, AmberPoints = 1.5m };

        var status = TargetStatus.Evaluate(D(value), target, Polarity.HigherIsBetter)!;

        Assert.Equal(expected, status.Status);
        Assert.Equal(1.5m, status.AmberPoints);
        Assert.Equal(0m, status.Threshold);
    }

    [Theory]
    // 25.9%, lower is better, amber within 1 point: up to 26.9%. A 5% share would have stopped at 27.195.
    [InlineData("25.9", Rag.Green)]
    [InlineData("26.9", Rag.Amber)]
    [InlineData("26.91", Rag.Red)]
    public void Evaluate_RateLowerIsBetter_AmberWithinItsPoints(string value, Rag expected)
    {
        var target = new PlanTarget(25.9m) { Kind = TargetKind.Rate, AmberPoints = 1m };

        Assert.Equal(expected, TargetStatus.Evaluate(D(value), target, Polarity.LowerIsBetter)!.Status);
    }

    [Theory]
    // 1,200 a year phased evenly: 600 to September; amber within 5% of 600 = 30: up to 630.
    [InlineData("600", Rag.Green)]
    [InlineData("600.01", Rag.Amber)]
    [InlineData("630", Rag.Amber)]
    [InlineData("630.01", Rag.Red)]
    public void Evaluate_YearToDate_AmberWithinItsShareOfTheYearToDateTarget(string value, Rag expected)
    {
        var target = new PlanTarget(1_200m) { Kind = TargetKind.YearToDate };
        var ytd = target.YearToDateTarget(Period.Months(new DateOnly(2024, 4, 1), new DateOnly(2024, 9, 1)))!.Value;

        Assert.Equal(600m, ytd);
        Assert.Equal(expected, TargetStatus.Evaluate(D(value), ytd, target, Polarity.LowerIsBetter)!.Status);
    }

    [Theory]
    // Even: a twelfth a month, so a quarter a quarter.
    [InlineData(null, 3, "300")]
    [InlineData(null, 5, "500")]
    [InlineData(null, 12, "1200")]
    // By quarter: only at a quarter's end.
    [InlineData("200,500,900,1200", 6, "500")]
    [InlineData("200,500,900,1200", 5, null)]
    [InlineData("200,500,900,1200", 12, "1200")]
    // By month.
    [InlineData("50,100,200,300,400,500,600,700,800,900,1000,1200", 2, "100")]
    public void YearToDateTarget_FollowsThePhasing(string? phasing, int months, string? expected)
    {
        var target = new PlanTarget(1_200m)
        {
            Kind = TargetKind.YearToDate,
            Phasing = phasing?.Split(',').Select(D).ToList(),
        };

        var ytd = target.YearToDateTarget(Period.Months(new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 1).AddMonths(months - 1)));

        Assert.Equal(expected is null ? null : D(expected), ytd);
    }

    [Theory]
    // Due 31 December 2023: amber up to and on that day, red the day after; complete is green whenever.
    [InlineData(MilestoneState.Complete, "2023-12-31", "2024-03-31", Rag.Green)]
    [InlineData(MilestoneState.InProgress, "2023-12-31", "2023-12-31", Rag.Amber)]
    [InlineData(MilestoneState.InProgress, "2023-12-31", "2024-01-01", Rag.Red)]
    [InlineData(MilestoneState.NotStarted, "2023-12-31", "2023-12-30", Rag.Amber)]
    [InlineData(MilestoneState.NotStarted, "2023-12-31", "2024-01-01", Rag.Red)]
    // Without a due date: in progress is amber, not started red.
    [InlineData(MilestoneState.InProgress, null, "2030-01-01", Rag.Amber)]
    [InlineData(MilestoneState.NotStarted, null, "2020-01-01", Rag.Red)]
    [InlineData(MilestoneState.Complete, null, "2020-01-01", Rag.Green)]
    public void Stated_Milestone_FollowsProgressAndDueDate(MilestoneState state, string? due, string asAt, Rag expected)
    {
        var target = new PlanTarget { Kind = TargetKind.Milestone, Milestone = state, Due = due is null ? null : DateOnly.Parse(due, CultureInfo.InvariantCulture) };

        var status = TargetStatus.Stated(target, DateOnly.Parse(asAt, CultureInfo.InvariantCulture), Polarity.Monitor)!;

        Assert.Equal(expected, status.Status);
        Assert.False(status.HasFigure);
    }

    [Fact]
    public void Stated_MilestoneReason_SaysProgressAndDueDate()
    {
        var target = new PlanTarget { Kind = TargetKind.Milestone, Milestone = MilestoneState.InProgress, Due = new DateOnly(2023, 12, 31), Reason = "Strategy to be published online" };

        Assert.Equal("In progress, due 31 December 2023: Strategy to be published online", TargetStatus.Stated(target, new DateOnly(2023, 9, 30), Polarity.Monitor)!.Reason);
    }

    [Theory]
    [InlineData(Rag.Green)]
    [InlineData(Rag.Amber)]
    [InlineData(Rag.Red)]
    public void Stated_ByHand_IsTheStatusAndReasonGiven(Rag given)
    {
        var target = new PlanTarget { Kind = TargetKind.Stated, Status = given, Reason = "Data not yet available" };

        var status = TargetStatus.Stated(target, new DateOnly(2024, 3, 31), Polarity.LowerIsBetter)!;

        Assert.Equal(given, status.Status);
        Assert.Equal("Data not yet available", status.Reason);
        Assert.Equal(TargetKind.Stated, status.Kind);
    }

    [Theory]
    [InlineData("2012/13", 2012)]
    [InlineData("1999/00", 1999)]
    [InlineData("2012/14", null)]
    [InlineData("2012-13", null)]
    [InlineData("FY2012", null)]
    public void ParseFinancialYear_ReadsOnlyAYearAndTheNext(string text, int? expected)
    {
        Assert.Equal(expected, PlanTarget.ParseFinancialYear(text));
    }

    // Per quarter, for every district: the county is five times as much.
    private static IEnumerable<ObservedRow> Quarters(int year, decimal perDistrict, params int[] quarters) =>
        from quarter in quarters from district in Districts select Value(Crime, district, Q(year, quarter), perDistrict);

    [Fact]
    public void Build_ReductionOnAHeldYear_AddsUpThatYearsFiguresForTheBaseline()
    {
        // 2012/13: 250 a district a quarter = 5,000; 2013/14: 245 = 4,900, exactly 2% less.
        var rows = Quarters(2012, 250m, 1, 2, 3, 4).Concat(Quarters(2013, 245m, 1, 2, 3, 4)).ToList();
        var target = new PlanTarget { Kind = TargetKind.Reduction, ReductionPercent = 2m, BaselineYear = "2012/13" };

        var row = Row(rows, Crime, Q(2013, 4), target, ComparisonKind.Rolling12Months);

        var status = row.Status!;
        Assert.Equal(Rag.Green, status.Status);
        Assert.Equal(4_900m, status.Value);
        Assert.Equal(4_900m, status.Target);
        Assert.Equal(5_000m, status.Baseline);
        Assert.False(status.BaselineStated);
        Assert.Equal("2% less than the 2012/13 outturn of 5000 (from the figures held)", status.Reason);
        Assert.Equal(4_900m, row.TargetFigure);
    }

    [Fact]
    public void Build_ReductionOnAStatedBaseline_UsesThePlansFigure()
    {
        // Only 2013/14 held: 246 a district a quarter = 4,920, against 5,000 less 2% = 4,900: worse by 20, amber.
        var target = new PlanTarget { Kind = TargetKind.Reduction, ReductionPercent = 2m, BaselineYear = "2012/13", BaselineValue = 5_000m };

        var status = Row([.. Quarters(2013, 246m, 1, 2, 3, 4)], Crime, Q(2013, 4), target, ComparisonKind.Rolling12Months).Status!;

        Assert.Equal(Rag.Amber, status.Status);
        Assert.Equal(4_900m, status.Target);
        Assert.True(status.BaselineStated);
        Assert.Equal("2% less than the 2012/13 outturn of 5000 (as the plan states it)", status.Reason);
    }

    [Fact]
    public void Build_ReductionWithoutItsBaseline_SaysSoInsteadOfAStatus()
    {
        var target = new PlanTarget { Kind = TargetKind.Reduction, ReductionPercent = 2m, BaselineYear = "2012/13" };

        var county = Row([.. Quarters(2013, 245m, 1, 2, 3, 4)], Crime, Q(2013, 4), target, ComparisonKind.Rolling12Months).County.For(ComparisonKind.Rolling12Months)!;

        Assert.Null(county.Status);
        Assert.Equal("The 2012/13 baseline is not held and the plan does not state it.", county.StatusExplanation);
    }

    [Fact]
    public void Build_YearToDateTarget_IsJudgedYearToDateOnly()
    {
        // April to September: 63 a district a quarter, 630 in all, against 600: worse by exactly 5%, amber.
        var target = new PlanTarget(1_200m) { Kind = TargetKind.YearToDate };

        var row = Row([.. Quarters(2024, 63m, 1, 2)], Crime, Q(2024, 2), target, ComparisonKind.Rolling12Months, ComparisonKind.YearToDate);

        var ytd = row.County.For(ComparisonKind.YearToDate)!.Status!;
        Assert.Equal(Rag.Amber, ytd.Status);
        Assert.Equal(630m, ytd.Value);
        Assert.Equal(600m, ytd.YearToDateTarget);
        Assert.Equal(1_200m, ytd.AnnualTarget);
        Assert.False(ytd.Stale);
        Assert.Null(row.County.For(ComparisonKind.Rolling12Months)!.Status);
        Assert.Equal("The target is phased through the financial year and judged year to date.", row.County.For(ComparisonKind.Rolling12Months)!.StatusExplanation);
    }

    [Fact]
    public void Build_DataOlderThanThePeriod_JudgesTheLatestAndMarksIt()
    {
        // October to December not in yet: April to September (600) against its own year-to-date target (600).
        var target = new PlanTarget(1_200m) { Kind = TargetKind.YearToDate };

        var status = Row([.. Quarters(2024, 60m, 1, 2)], Crime, Q(2024, 3), target, ComparisonKind.YearToDate).Status!;

        Assert.Equal(Rag.Green, status.Status);
        Assert.True(status.Stale);
        Assert.Equal("Latest data to September 2024", status.Footnote);
        Assert.Equal(Period.Months(new DateOnly(2024, 4, 1), new DateOnly(2024, 9, 1)), status.Judged);
        Assert.Equal(600m, status.YearToDateTarget);
    }

    [Fact]
    public void Build_DataForThePeriod_IsNotMarked()
    {
        var status = Row([.. Quarters(2024, 60m, 1, 2, 3)], Crime, Q(2024, 3), new PlanTarget(1_200m) { Kind = TargetKind.YearToDate }, ComparisonKind.YearToDate).Status!;

        Assert.False(status.Stale);
        Assert.Equal("", status.Footnote);
        Assert.Equal(900m, status.YearToDateTarget);
    }

    [Fact]
    public void Build_StatedStatus_NeedsNoFigures()
    {
        var target = new PlanTarget { Kind = TargetKind.Stated, Status = Rag.Amber, Reason = "Data not yet available" };

        var row = Row([], Crime, Q(2024, 3), target, ComparisonKind.Rolling12Months);

        Assert.Equal(Rag.Amber, row.Status!.Status);
        Assert.Equal("Data not yet available", row.Status.Reason);
        Assert.Null(row.TargetFigure);
    }

    [Fact]
    public void Build_PlanMixingComparisons_ShowsEachLineOnItsOwnSideBySide()
    {
        // Homicide judged over rolling 12 months against 33; total crime year to date against 1,200 a year.
        var plan = new DeliveryPlan(WestYorkshire, "Mixed", "", [new PlanTheme("t", "Theme", 1, [new PlanObjective("o", "Objective", 1,
        [
            new PlanMeasure("crime.homicide", "Reduce homicides", 1, new PlanTarget(33m)) { Comparison = PlanComparison.Rolling12Months },
            new PlanMeasure(Crime, "Total recorded crime", 2, new PlanTarget(1_200m) { Kind = TargetKind.YearToDate }) { Comparison = PlanComparison.YearToDate },
            new PlanMeasure("crime.neighbourhood", "Neighbourhood crime", 3),
        ])])]);
        var rows = Quarters(2024, 63m, 1, 2).ToList();
        // Homicides: 2 a district a quarter over the four quarters to September 2024 = 40, worse than 33 by 21%.
        rows.AddRange(from quarter in new[] { (2023, 3), (2023, 4), (2024, 1), (2024, 2) }
                      from district in Districts
                      select Value("crime.homicide", district, Q(quarter.Item1, quarter.Item2), 2m));

        var report = Builder.Build(plan, Q(2024, 2), [], rows);
        var lines = report.Monitoring().ToList();

        Assert.Equal(2, lines.Count);
        var homicide = lines[0];
        Assert.Equal(ComparisonKind.Rolling12Months, homicide.Comparison);
        Assert.Equal(TargetKind.Absolute, homicide.Kind);
        Assert.Equal(33m, homicide.Target);
        Assert.Null(homicide.YearToDateTarget);
        Assert.Equal(40m, homicide.Actual);
        Assert.Equal(Rag.Red, homicide.Status!.Status);
        var crime = lines[1];
        Assert.Equal(ComparisonKind.YearToDate, crime.Comparison);
        Assert.Equal(TargetKind.YearToDate, crime.Kind);
        Assert.Equal(1_200m, crime.Target);
        Assert.Equal(600m, crime.YearToDateTarget);
        Assert.Equal(630m, crime.Actual);
        Assert.Equal(Period.Months(new DateOnly(2024, 4, 1), new DateOnly(2024, 9, 1)), crime.ActualWindow);
        Assert.Equal(Rag.Amber, crime.Status!.Status);
    }

    [Fact]
    public void Build_PlanNamingAComparison_TakesTheHeadlineStatusFromIt()
    {
        // A target for any window: the first comparison (the quarter alone, 315) is green against 500, but
        // the plan judges the measure year to date.
        var plan = new DeliveryPlan(WestYorkshire, "Chosen", "", [new PlanTheme("t", "Theme", 1, [new PlanObjective("o", "Objective", 1,
        [
            new PlanMeasure(Crime, "Total recorded crime", 1, new PlanTarget(500m)) { Comparison = PlanComparison.YearToDate },
        ])])]);

        var row = Builder.Build(plan, Q(2024, 2), [], [.. Quarters(2024, 63m, 1, 2)]).Rows().Single().Measure;

        Assert.Equal(ComparisonKind.YearToDate, row.Headline!.Kind);
        // 630 against 500: worse by 26%, red; the quarter alone (315) would have been green.
        Assert.Equal(Rag.Red, row.Status!.Status);
        Assert.Equal(Rag.Green, row.County.For(ComparisonKind.PreviousYear)!.Status!.Status);
    }
}
