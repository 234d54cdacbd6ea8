using Partnership.Domain;
using Partnership.Submissions.Validation;
using static Partnership.Testing.Areas;

namespace Partnership.Submissions.Tests;

public class ReturnValidatorTests
{
    private static readonly Period Q3 = Period.Parse("FY2020/21-Q3");
    private readonly ReturnValidator _validator = new(MeasureCatalogue.Load(), Geography.Load(), []);

    private static ReturnSubmission Return(params ObservationInput[] observations) =>
        new("crime-measures", Bradford, Q3, "Bradford CSP", observations);

    private static ObservationInput Count(string measure, decimal value, int line = 2) =>
        new(measure, null, Figure.OfValue(value), SourceLine: line);

    [Fact]
    public void Validate_GoodReturn_HasNoViolations()
    {
        var violations = _validator.Validate(Return(
            Count("crime.total_recorded", 4321),
            new ObservationInput("crime.violence_with_injury_solved", null, Figure.OfFraction(80, 900)),
            new ObservationInput("survey.feeling_safe", null, Figure.OfValue(81.5m)),
            new ObservationInput("crime.homicide", Period.Parse("2020-11..2020-11"), Figure.OfValue(1))));

        Assert.Empty(violations);
    }

    [Fact]
    public void Validate_RowForAnotherQuarter_IsRefusedNamingLineFieldAndReturnWindow()
    {
        // The repro: a Q1 return carrying the previous quarter's homicide count.
        var submission = new ReturnSubmission("crime-measures", Kirklees, Period.Parse("FY2025/26-Q1"), "Kirklees CSP",
            [Count("crime.total_recorded", 5000, line: 2), new ObservationInput("crime.homicide", Period.Parse("FY2024/25-Q4"), Figure.OfValue(500), SourceLine: 3)]);

        var violation = Assert.Single(_validator.Validate(submission));

        Assert.Equal("observations[1].period", violation.Field);
        Assert.Equal("line 3, crime.homicide: FY2024/25-Q4 lies outside the return's window FY2025/26-Q1; a return carries figures for its own window only, so submit this one in a return for FY2024/25-Q4", violation.Description);
    }

    [Fact]
    public void Validate_WindowOverlappingTheReturnsWindow_IsRefused()
    {
        // Twelve months to December reaches back before October: not Q3's figure.
        var violation = Assert.Single(_validator.Validate(Return(
            new ObservationInput("survey.feeling_safe", Period.Parse("2020-01..2020-12"), Figure.OfValue(81.5m), SourceLine: 4))));

        Assert.Equal("observations[0].period", violation.Field);
        Assert.Contains("12 months to 2020-12 lies outside the return's window FY2020/21-Q3", violation.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2020-10-01", true)]
    [InlineData("2020-12-31", true)]
    [InlineData("2020-09-30", false)]
    [InlineData("2021-01-01", false)]
    public void Holds_SnapshotInWindowReturn_WhenItsDateIsInTheWindow(string date, bool held) =>
        Assert.Equal(held, ReturnWindow.Holds(Q3, Period.Parse(date)));

    [Theory]
    [InlineData("2023-02-28", true)]
    [InlineData("2023-02-27", false)]
    [InlineData("2023-02..2023-02", true)]
    [InlineData("2022-12..2023-02", true)]
    [InlineData("2023-01..2023-01", false)]
    [InlineData("2023-01..2023-03", false)]
    public void Holds_SnapshotReturn_ItsDateAndFlowsEndingAtIt(string row, bool held) =>
        Assert.Equal(held, ReturnWindow.Holds(Period.Parse("2023-02-28"), Period.Parse(row)));

    [Fact]
    public void Holds_SnapshotReturnDatedMidMonth_FlowsEndingAtThePreviousMonthEnd()
    {
        var snapshot = Period.Parse("2023-02-15");

        Assert.True(ReturnWindow.Holds(snapshot, Period.Parse("2022-11..2023-01")));
        Assert.False(ReturnWindow.Holds(snapshot, Period.Parse("2022-12..2023-02")));
    }

    [Fact]
    public void Validate_UnknownMeasure_NamesObservationAndLine()
    {
        var violation = Assert.Single(_validator.Validate(Return(Count("crime.made_up", 1, line: 7))));

        Assert.Equal("observations[0].measure_id", violation.Field);
        Assert.Contains("line 7", violation.Description, StringComparison.Ordinal);
        Assert.Contains("unknown measure 'crime.made_up'", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownArea_NamesAreaField()
    {
        var submission = Return(Count("crime.total_recorded", 1)) with { AreaCode = "E99999999" };

        var violation = Assert.Single(_validator.Validate(submission));

        Assert.Equal("area_code", violation.Field);
    }

    [Fact]
    public void Validate_NumeratorAboveDenominator_NamesNumerator()
    {
        var violation = Assert.Single(_validator.Validate(Return(
            new ObservationInput("crime.violence_with_injury_solved", null, Figure.OfFraction(120, 100), SourceLine: 5))));

        Assert.Equal("observations[0].numerator", violation.Field);
        Assert.Contains("120 is greater than denominator 100", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeCount_NamesValue()
    {
        var violation = Assert.Single(_validator.Validate(Return(Count("crime.homicide", -1))));

        Assert.Equal("observations[0].value", violation.Field);
        Assert.Contains("negative", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FractionalCount_IsRejected()
    {
        var violation = Assert.Single(_validator.Validate(Return(Count("crime.homicide", 1.5m))));

        Assert.Contains("not a whole number", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PeriodNotMatchingCadence_NamesPeriod()
    {
        var violation = Assert.Single(_validator.Validate(Return(
            new ObservationInput("crime.total_recorded", Period.Parse("2020-12-31"), Figure.OfValue(10)))));

        Assert.Equal("observations[0].period", violation.Field);
        Assert.Contains("snapshot", violation.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("safeguarding", "safeguarding.missing_children", "2020-01..2020-12")] // 12 months to December
    [InlineData("safeguarding", "safeguarding.missing_children_repeat", "2020-04..2020-12")] // April to December, year to date
    [InlineData("safeguarding", "safeguarding.children_at_risk_of_exploitation", "FY2020/21")]
    [InlineData("safeguarding", "safeguarding.missing_adults", "2020-11..2020-11")]
    [InlineData("victim-services", "victims.satisfaction", "FY2020/21-H1")] // a survey over April to September
    [InlineData("crime-measures", "crime.total_recorded", "2020-01..2020-12")] // an additive count for a longer window
    [InlineData("crime-measures", "survey.feeling_safe", "2020-04..2020-12")]
    public void Validate_EveryWindowAPartnerCounts_IsAccepted(string service, string measure, string window)
    {
        var period = Period.Parse(window);
        var figure = measure == "victims.satisfaction" ? Figure.OfFraction(612, 800) : Figure.OfValue(41);
        var submission = new ReturnSubmission(service, Bradford, period, "Bradford partnership", [new ObservationInput(measure, null, figure)]);

        Assert.Empty(_validator.Validate(submission));
    }

    [Fact]
    public void Validate_RatioGivenBareValue_IsRejected()
    {
        var violation = Assert.Single(_validator.Validate(Return(Count("crime.violence_with_injury_solved", 12))));

        Assert.Equal("observations[0].numerator", violation.Field);
        Assert.Contains("bare value", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateWithinReturn_NamesSecondOccurrence()
    {
        var violation = Assert.Single(_validator.Validate(Return(Count("crime.homicide", 1, 2), Count("crime.homicide", 2, 3))));

        Assert.Equal("observations[1].measure_id", violation.Field);
        Assert.Contains("twice", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ListsEveryOne()
    {
        var violations = _validator.Validate(Return(
            Count("crime.made_up", 1, 2),
            Count("crime.homicide", -3, 3),
            new ObservationInput("crime.violence_with_injury_solved", null, Figure.OfFraction(5, 4), SourceLine: 4)));

        Assert.Equal(["observations[0].measure_id", "observations[1].value", "observations[2].numerator"], violations.Select(v => v.Field));
    }

    [Fact]
    public void Validate_PercentOutsideRange_IsRejected()
    {
        var violation = Assert.Single(_validator.Validate(Return(Count("survey.feeling_safe", 186))));

        Assert.Contains("outside 0-100", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DomainRule_RunsAfterCatalogueChecks()
    {
        var validator = new ReturnValidator(MeasureCatalogue.Load(), Geography.Load(), [new NoHomicideRule()]);

        var violation = Assert.Single(validator.Validate(Return(Count("crime.homicide", 1))));

        Assert.Equal("rule", violation.Field);
    }

    private sealed class NoHomicideRule : IReturnRule
    {
        public void Check(ReturnSubmission submission, ViolationCollector violations)
        {
            if (submission.Observations.Any(o => o.MeasureId == "crime.homicide"))
            {
                violations.Add("rule", "homicide reported");
            }
        }
    }
}
