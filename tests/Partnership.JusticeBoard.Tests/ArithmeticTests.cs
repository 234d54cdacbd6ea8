using Partnership.Domain;
using Partnership.JusticeBoard.Returns;
using Partnership.Reporting.Rollups;

namespace Partnership.JusticeBoard.Tests;

public class ArithmeticTests
{
    private static readonly Period February = Period.Parse("2023-02..2023-02");

    [Fact]
    public void ForwardLoad_OutstandingOverWeeklyDisposals_IsWeeksToClear()
    {
        // 400 disposals in February's 28 days is 100 a week; 2,500 outstanding take 25 weeks.
        var load = ForwardLoad.Calculate(2500, 400, February);

        Assert.Equal(100m, load.DisposalsPerWeek);
        Assert.Equal(25m, load.Weeks);
        Assert.Equal(Figure.OfFraction(2500, 100), load.ToFigure());
    }

    [Fact]
    public void ForwardLoad_NoDisposals_HasNoWeeksAndSaysWhy()
    {
        var load = ForwardLoad.Calculate(700, 0, February);

        Assert.Null(load.Weeks);
        Assert.Contains("No cases were disposed of in 2023-02", load.Explanation, StringComparison.Ordinal);
        Assert.Contains("never clear", load.Explanation, StringComparison.Ordinal);
        Assert.Null(load.ToFigure().Resolved);
    }

    [Fact]
    public void ForwardLoad_TwoCourts_CombineAsCountyCaseloadOverCountyRate()
    {
        var measure = MeasureCatalogue.Load().Get("cjs.crown_forward_load");
        var leeds = ForwardLoad.Calculate(2500, 400, February);   // 25 weeks
        var bradford = ForwardLoad.Calculate(600, 800, February); // 3 weeks

        // Each court's backlog is its own return, and the measure combines returns.
        var county = CountyRollupQuery.Combine(measure, Period.Snapshot(new DateOnly(2023, 2, 28)), [Sourced(leeds.ToFigure()), Sourced(bradford.ToFigure())]).Figure;

        // 3,100 cases at 300 a week: 10.33 weeks, not the 14-week mean of the two courts.
        Assert.Equal(Figure.OfFraction(3100, 300), county.Figure);
        Assert.Equal(3100m / 300m, county.Figure.Resolved);
    }

    [Fact]
    public void DaysToResolution_AllCourts_IsWeightedByCompletedCases()
    {
        var progression = new CaseProgressionReturn(Returns.WestYorkshire, Period.Parse("FY2023/24-H1"),
        [
            new CaseProgressionFigures(CourtType.Crown, 200, 80, 10, 3000),       // 300 days on average
            new CaseProgressionFigures(CourtType.Magistrates, 900, 600, 90, 2700), // 30 days on average
        ]);

        var submission = progression.ToReturn("LCJB").Submission;
        var all = submission.Observations.Single(o => o.MeasureId == JusticeMeasures.DaysToResolution).Figure;

        // 5,700 days over 100 cases: 57 days, not the 165-day mean of the two averages.
        Assert.Equal(Figure.OfFraction(5700, 100), all);
        Assert.Equal(57m, all.Resolved);
    }

    [Fact]
    public void TrialRates_AreOverTrialsThatReachedTheirDay()
    {
        var trials = new TrialEffectivenessReturn(Returns.WestYorkshire, Period.Parse("FY2023/24-Q1"), [Returns.Trials()]).ToReturn("LCJB").Submission;

        Assert.Equal(Figure.OfFraction(20, 90), trials.Observations.Single(o => o.MeasureId == "cjs.ineffective_trial_rate_crown").Figure);
        Assert.Equal(Figure.OfFraction(30, 90), trials.Observations.Single(o => o.MeasureId == "cjs.cracked_trial_rate_crown").Figure);
    }

    private static SourcedFigure Sourced(Figure figure) =>
        new(Returns.WestYorkshire, figure, ObservationStatus.Final, Confidentiality.Free, 1, Guid.NewGuid().ToString());
}
