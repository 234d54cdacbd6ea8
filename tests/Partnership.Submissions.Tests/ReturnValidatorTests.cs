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
            new ObservationInput("survey.feeling_safe", Period.Parse("2020-01..2020-12"), Figure.OfValue(81.5m))));

        Assert.Empty(violations);
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
