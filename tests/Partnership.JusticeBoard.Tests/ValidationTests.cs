using Partnership.Domain;
using Partnership.JusticeBoard.Returns;
using Partnership.JusticeBoard.Rules;
using Partnership.Submissions.Validation;

namespace Partnership.JusticeBoard.Tests;

/// <summary>Each rule rejects its example, and the violation names the typed request's field.</summary>
public class ValidationTests
{
    private static readonly MeasureCatalogue Catalogue = MeasureCatalogue.Load();
    private static readonly VictimsCodeFramework Framework = VictimsCodeFramework.Load(Catalogue);
    private static readonly DateOnly SnapshotDate = new(2023, 2, 28);
    private static readonly Period Quarter = Period.Parse("FY2023/24-Q1");

    private readonly ReturnValidator _validator = new(Catalogue, Geography.Load(),
        [new CourtBacklogRule(), new TrialOutcomesRule(), new CaseProgressionRule(), new VictimsCodeRule(Framework, Catalogue)]);

    private List<FieldViolation> Validate(params JusticeReturn[] returns) =>
        [.. returns.SelectMany(r => _validator.Validate(r.Submission).Select(v => v with { Field = r.FieldOf(v.Field) }))];

    private List<FieldViolation> Validate(IEnumerable<JusticeReturn> returns) => Validate([.. returns]);

    private static IReadOnlyList<JusticeReturn> Backlog(params CourtBacklogEntry[] courts) => new CourtBacklogReturn(SnapshotDate, courts).ToReturns("LCJB");

    [Fact]
    public void Validate_WellFormedReturns_HaveNoViolations()
    {
        Assert.Empty(Validate(Backlog(Returns.Backlog(Returns.LeedsCrown), Returns.Backlog(Returns.Courts.OfForce(Returns.WestYorkshire).Last()))));
        Assert.Empty(Validate(new TrialEffectivenessReturn(Returns.WestYorkshire, Quarter, [Returns.Trials()]).ToReturn("LCJB")));
        Assert.Empty(Validate(new VictimsCodeReturn(Returns.WestYorkshire, Quarter, "police", [new ComplianceFigure("vps_offered", 80, 100)]).ToReturn("LCJB")));
    }

    [Fact]
    public void Validate_BandsNotAddingUpToTotal_NamesTotal()
    {
        var violation = Assert.Single(Validate(Backlog(Returns.Backlog(Returns.LeedsCrown, total: 2600))));

        Assert.Equal("courts[0].outstanding_total", violation.Field);
        Assert.Contains("add up to 2500, not the outstanding total 2600", violation.Description, StringComparison.Ordinal);
        Assert.Contains("line 2", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WindowEndingAfterSnapshot_NamesFlowPeriod()
    {
        var violations = Validate(Backlog(Returns.Backlog(Returns.LeedsCrown, window: Period.Parse("2023-01..2023-03"))));

        Assert.All(violations, v => Assert.Equal("courts[0].flow_period", v.Field));
        Assert.Contains(violations, v => v.Description.Contains("does not end at 2023-02-28", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NegativeCount_NamesField()
    {
        var violations = Validate(Backlog(Returns.Backlog(Returns.LeedsCrown, over52: -5, total: 2095)));

        var violation = Assert.Single(violations);
        Assert.Equal("courts[0].outstanding.over_52_weeks", violation.Field);
        Assert.Contains("negative", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TrialOutcomesNotAddingUp_NamesListed()
    {
        var violation = Assert.Single(Validate(new TrialEffectivenessReturn(Returns.WestYorkshire, Quarter, [Returns.Trials(listed: 105)]).ToReturn("LCJB")));

        Assert.Equal("court_types[0].listed", violation.Field);
        Assert.Contains("= 100, not the 105 trials listed", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EarlyPleasAboveFirstHearings_NamesEarlyPleas()
    {
        var progression = new CaseProgressionReturn(Returns.WestYorkshire, Quarter, [new CaseProgressionFigures(CourtType.Crown, 100, 120, 50, 5000)]);

        var violation = Assert.Single(Validate(progression.ToReturn("LCJB")));

        Assert.Equal("court_types[0].early_guilty_pleas", violation.Field);
    }

    [Fact]
    public void Validate_DaysWithNoCompletedCases_NamesTotalDays()
    {
        var progression = new CaseProgressionReturn(Returns.WestYorkshire, Quarter,
            [new CaseProgressionFigures(CourtType.Crown, 100, 40, 0, 900), new CaseProgressionFigures(CourtType.Magistrates, 100, 40, 10, 300)]);

        var violation = Assert.Single(Validate(progression.ToReturn("LCJB")));

        Assert.Equal("court_types[0].total_days_charge_to_completion", violation.Field);
        Assert.Contains("no completed cases", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReoffendersAboveCohort_NamesReoffenders()
    {
        var reoffending = new ReoffendingReturn(Returns.WestYorkshire, Period.Parse("FY2022/23"), [new ReoffendingCohort(AgeGroup.Adult, 100, 140)], null, []);

        var violation = Assert.Single(Validate(reoffending.ToReturns("LCJB")));

        Assert.Equal("cohorts[0].reoffenders", violation.Field);
    }

    [Fact]
    public void Validate_VictimsCodeMeasureFromAnotherSource_NamesMeasure()
    {
        // vps_offered is measured from police records, not the victim survey.
        var violation = Assert.Single(Validate(new VictimsCodeReturn(Returns.WestYorkshire, Quarter, "survey", [new ComplianceFigure("vps_offered", 80, 100)]).ToReturn("LCJB")));

        Assert.Equal("figures[0].measure_code", violation.Field);
        Assert.Contains("measured from police data, not survey", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_VictimsCodeUnknownMeasureAndSource_AreRejected()
    {
        Assert.Equal("figures[0].measure_code", Assert.Single(Validate(new VictimsCodeReturn(Returns.WestYorkshire, Quarter, "police", [new ComplianceFigure("made_up", 1, 2)]).ToReturn("LCJB"))).Field);
        Assert.Equal("data_source", Assert.Single(Validate(new VictimsCodeReturn(Returns.WestYorkshire, Quarter, "gossip", [new ComplianceFigure("vps_offered", 1, 2)]).ToReturn("LCJB"))).Field);
    }

    [Fact]
    public void Framework_HasTwelveRightsAndEveryMeasureCatalogued()
    {
        Assert.Equal(12, Framework.Rights.Count);
        Assert.Equal(21, Framework.Measures.Count);
        Assert.Equal(3, Framework.Sources.Count);
        Assert.All(Framework.Measures, m => Assert.Equal(AggregationRule.Ratio, Catalogue.Get(m.MeasureId).Rule));
    }
}
