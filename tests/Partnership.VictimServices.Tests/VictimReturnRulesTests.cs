using Partnership.Domain;
using Partnership.Submissions;
using Partnership.Submissions.Validation;
using Partnership.VictimServices.Returns;
using static Partnership.Testing.Areas;
using static Partnership.VictimServices.Tests.Figures;

namespace Partnership.VictimServices.Tests;

public class VictimReturnRulesTests
{
    private static readonly MeasureCatalogue Catalogue = MeasureCatalogue.Load();
    private static readonly Geography Geography = Geography.Load();

    private static readonly ReturnValidator Validator = new(Catalogue, Geography,
        [new ReturnSourceRule(Catalogue, Geography), new ReferralSourcesRule(), new OutcomesWithinClosedCasesRule()]);

    private static IReadOnlyList<FieldViolation> Validate(ReturnSubmission submission) => Validator.Validate(submission);

    private static List<ObservationInput> Replace(List<ObservationInput> figures, ObservationInput replacement)
    {
        var index = figures.FindIndex(f => f.MeasureId == replacement.MeasureId);
        figures[index] = replacement;
        return figures;
    }

    [Fact]
    public void Validate_CompleteProviderReturn_HasNoViolations()
    {
        Assert.Empty(Validate(ProviderReturn(ProviderFigures())));
    }

    [Fact]
    public void Validate_ReferralsBySourceNotAddingToTotal_NamesTheTotalAndTheParts()
    {
        var violation = Assert.Single(Validate(ProviderReturn(ProviderFigures(total: 199))));

        Assert.Equal("observations[0].value", violation.Field);
        Assert.Contains("add up to 200", violation.Description, StringComparison.Ordinal);
        Assert.Contains("the total is 199", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TotalWithoutEverySource_AsksForTheMissingSources()
    {
        var figures = ProviderFigures();
        figures.RemoveAll(f => f.MeasureId == "victims.referrals_national_fraud");

        var violation = Assert.Single(Validate(ProviderReturn(figures)));

        Assert.Equal("observations[0].value", violation.Field);
        Assert.Contains("victims.referrals_national_fraud", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SourcesWithoutTotal_AsksForTheTotal()
    {
        var figures = ProviderFigures();
        figures.RemoveAt(0);

        var violation = Assert.Single(Validate(ProviderReturn(figures)));

        Assert.Contains("victims.referrals is needed", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OutcomeMeasuredForMoreClientsThanCasesClosed_IsRejected()
    {
        var figures = Replace(ProviderFigures(), Ratio("victims.wellbeing_improved", 90, 141));

        var violation = Assert.Single(Validate(ProviderReturn(figures)));

        Assert.Equal("observations[8].denominator", violation.Field);
        Assert.Contains("140 cases closed", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MoreImprovedThanMeasured_IsRejected()
    {
        var figures = Replace(ProviderFigures(), Ratio("victims.wellbeing_improved", 111, 110));

        Assert.Equal("observations[8].numerator", Assert.Single(Validate(ProviderReturn(figures))).Field);
    }

    [Fact]
    public void Validate_MoreSatisfiedThanRespondents_IsRejected()
    {
        var figures = Replace(ProviderFigures(), Ratio("victims.service_satisfaction", 81, 80));

        Assert.Equal("observations[9].numerator", Assert.Single(Validate(ProviderReturn(figures))).Field);
    }

    [Fact]
    public void Validate_CaseloadForTheQuarterInsteadOfADate_IsRejected()
    {
        var figures = Replace(ProviderFigures(), Count("victims.isva_caseload", 55));

        var violation = Assert.Single(Validate(ProviderReturn(figures)));

        Assert.Equal("observations[10].period", violation.Field);
        Assert.Contains("snapshot date", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CaseloadCountedOutsideTheQuarter_IsRejected()
    {
        var figures = Replace(ProviderFigures(), Count("victims.idva_caseload", 75, Period.Snapshot(new DateOnly(2024, 9, 30))));

        var violation = Assert.Single(Validate(ProviderReturn(figures)));

        // The shared check of which rows a return holds: a caseload is a snapshot within the return's window.
        Assert.Equal("observations[11].period", violation.Field);
        Assert.Contains("2024-09-30 lies outside the return's window FY2024/25-Q1", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ProviderReturnWithTheForcesFigure_IsRejected()
    {
        var figures = ProviderFigures();
        figures.Add(Ratio("victims.satisfaction", 700, 1000));

        var violation = Assert.Single(Validate(ProviderReturn(figures)));

        Assert.Equal("observations[12].measure_id", violation.Field);
    }

    [Fact]
    public void Validate_ProviderReturnForADistrict_IsRejected()
    {
        var violation = Assert.Single(Validate(ProviderReturn(ProviderFigures(), area: Bradford)));

        Assert.Equal("area_code", violation.Field);
    }

    [Fact]
    public void Validate_PoliceReturnWithAProvidersFigure_IsRejected()
    {
        var violation = Assert.Single(Validate(PoliceReturn([Ratio("victims.satisfaction", 700, 1000), Count("victims.cases_opened", 3)])));

        Assert.Equal("observations[1].measure_id", violation.Field);
        Assert.Contains("commission_id", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PoliceFiguresForForceAndDistrict_AreAccepted()
    {
        List<ObservationInput> figures =
        [
            Ratio("victims.satisfaction", 812, 1000),
            Ratio("victims.needs_assessed", 6_100, 7_000),
            Ratio("victims.updated_within_28d", 5_000, 6_000),
        ];

        Assert.Empty(Validate(PoliceReturn(figures)));
        Assert.Empty(Validate(PoliceReturn([Ratio("victims.satisfaction", 160, 200)], Bradford)));
    }
}
