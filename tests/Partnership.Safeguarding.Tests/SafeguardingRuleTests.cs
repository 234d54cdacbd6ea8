using Google.Rpc;
using Grpc.Core;
using Partnership.Contracts;
using Partnership.Domain;
using Partnership.Safeguarding.Rules;
using Partnership.Submissions;
using Partnership.Submissions.Validation;
using Partnership.Testing;
using static Partnership.Safeguarding.Tests.Returns;
using static Partnership.Testing.Areas;

namespace Partnership.Safeguarding.Tests;

public class SafeguardingRuleTests
{
    private static readonly ReturnValidator Validator = new(MeasureCatalogue.Load(), Geography.Load(), [new PartNeverExceedsWholeRule()]);

    private static IReadOnlyList<FieldViolation> Validate(params ObservationInput[] observations) =>
        Validator.Validate(new ReturnSubmission("safeguarding", Leeds, Q1, "Leeds CSP", observations));

    private static ObservationInput Count(string measure, decimal value, int line) => new(measure, null, Figure.OfValue(value), SourceLine: line);

    private static ObservationInput Ratio(string measure, decimal numerator, decimal denominator, int line) =>
        new(measure, null, Figure.OfFraction(numerator, denominator), SourceLine: line);

    [Theory]
    [InlineData("safeguarding.missing_adults_repeat", "safeguarding.missing_adults")]
    [InlineData("safeguarding.missing_children_repeat", "safeguarding.missing_children")]
    [InlineData("safeguarding.marac_repeat_referrals", "safeguarding.marac_referrals")]
    [InlineData("safeguarding.cse_offences", "safeguarding.csea_offences")]
    public void Validate_PartAboveWhole_NamesThePartsValueField(string part, string whole)
    {
        var violations = Validate(Count(whole, 10, 2), Count(part, 11, 3));

        var violation = Assert.Single(violations);
        Assert.Equal("observations[1].value", violation.Field);
        Assert.Contains("line 3", violation.Description, StringComparison.Ordinal);
        Assert.Contains(whole, violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PartEqualToWhole_IsAccepted()
    {
        Assert.Empty(Validate(Count("safeguarding.missing_children", 7, 2), Count("safeguarding.missing_children_repeat", 7, 3)));
    }

    [Theory]
    [InlineData("safeguarding.rape_outcome_rate")]
    [InlineData("safeguarding.da_repeat_victim_rate")]
    public void Validate_OutcomesAboveOffencesOrRepeatVictimsAboveVictims_NamesTheNumerator(string measure)
    {
        var violation = Assert.Single(Validate(Ratio(measure, 31, 30, 2)));

        Assert.Equal("observations[0].numerator", violation.Field);
    }

    [Fact]
    public void Validate_DerivedRateSubmitted_IsRejectedNamingTheMeasure()
    {
        var violation = Assert.Single(Validate(Ratio("safeguarding.da_conversion_rate", 50, 100, 2)));

        Assert.Equal("observations[0].measure_id", violation.Field);
        Assert.Contains("derived", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RatePer1000Submitted_IsRejectedNamingTheCountToSubmit()
    {
        var violation = Assert.Single(Validate(Ratio("safeguarding.da_incidents.per_1000", 50, 100, 2)));

        Assert.Equal(
            ("observations[0].measure_id", "line 2, safeguarding.da_incidents.per_1000: is derived by the aggregator from safeguarding.da_incidents and the area's population; submit safeguarding.da_incidents instead"),
            (violation.Field, violation.Description));
    }

    [Fact]
    public void Load_SafeguardingCatalogue_IsRestrictedByDefaultAndDerivedRatesAreNotSubmittable()
    {
        var catalogue = MeasureCatalogue.Load();
        var measures = catalogue.ForService("safeguarding");

        Assert.All(measures, m => Assert.Equal(Confidentiality.Restricted, m.DefaultConfidentiality));
        Assert.Equal(AggregationRule.CountyOnly, catalogue.Get("safeguarding.missing_adults").Rule);
        Assert.Equal(new DerivedFrom("safeguarding.da_crimes", "safeguarding.da_incidents"), catalogue.Get("safeguarding.da_conversion_rate").DerivedFrom);
        // Three ratios of two measures, two rates per 1,000 population.
        Assert.Equal((3, 2), (measures.Count(m => m.DerivedFrom is { IsPerPopulation: false }), measures.Count(m => m.DerivedFrom is { IsPerPopulation: true })));
    }

    [Fact]
    public async Task SubmitReturn_ForceFigureBelowLargestStoredDistrict_IsRejectedNamingTheField()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Safeguarding | ExchangeServices.Reporting);
        await host.Safeguarding.SubmitReturnAsync(Return(Leeds, ("safeguarding.missing_children", 120), ("safeguarding.missing_children_repeat", 40)));
        await host.Safeguarding.SubmitReturnAsync(Return(Bradford, ("safeguarding.missing_children", 95), ("safeguarding.missing_children_repeat", 30)));

        var ex = await Assert.ThrowsAsync<RpcException>(() => host.Safeguarding.SubmitReturnAsync(
            Return(WestYorkshire, ("safeguarding.missing_children", 119), ("safeguarding.missing_children_repeat", 41))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var violation = Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("observations[0].value", violation.Field);
        Assert.Contains("Leeds", violation.Description, StringComparison.Ordinal);
        Assert.Contains("120", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitReturn_ForceFigureChecksTheLatestDistrictRevision()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Safeguarding | ExchangeServices.Reporting);
        await host.Safeguarding.SubmitReturnAsync(Return(Leeds, ("safeguarding.missing_adults", 300)));
        // Leeds corrects its figure downwards; the force figure is checked against the correction.
        await host.Safeguarding.SubmitReturnAsync(Return(Leeds, ("safeguarding.missing_adults", 200)));

        var accepted = await host.Safeguarding.SubmitReturnAsync(Return(WestYorkshire, ("safeguarding.missing_adults", 250)));

        Assert.Equal(1, accepted.Revision);
    }

    [Fact]
    public async Task SubmitReturn_DistrictFigureAboveAcceptedForceFigure_IsRejectedNamingTheField()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Safeguarding | ExchangeServices.Reporting);
        await host.Safeguarding.SubmitReturnAsync(Return(WestYorkshire, ("safeguarding.missing_children", 150), ("safeguarding.children_at_risk_of_exploitation", 60)));

        var ex = await Assert.ThrowsAsync<RpcException>(() => host.Safeguarding.SubmitReturnAsync(
            Return(Leeds, ("safeguarding.missing_children", 151), ("safeguarding.missing_children_repeat", 40), ("safeguarding.children_at_risk_of_exploitation", 61))).ResponseAsync);
        var equal = await host.Safeguarding.SubmitReturnAsync(Return(Leeds, ("safeguarding.missing_children", 150), ("safeguarding.children_at_risk_of_exploitation", 60)));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var violations = ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations;
        Assert.Equal(["observations[0].value", "observations[2].value"], violations.Select(v => v.Field));
        Assert.Contains("Leeds's figure 151 is more than the force-wide figure 150", violations[0].Description, StringComparison.Ordinal);
        Assert.Contains("line 2", violations[0].Description, StringComparison.Ordinal);
        // Equal is fine: every unique person in the force area may have been in Leeds.
        Assert.Equal(1, equal.Revision);
    }

    [Fact]
    public async Task SubmitReturn_DistrictFigureChecksTheLatestForceRevision()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Safeguarding | ExchangeServices.Reporting);
        await host.Safeguarding.SubmitReturnAsync(Return(WestYorkshire, ("safeguarding.missing_adults", 100)));
        // The force corrects its too-low figure upwards; Leeds's figure is checked against the correction.
        await host.Safeguarding.SubmitReturnAsync(Return(WestYorkshire, ("safeguarding.missing_adults", 200)));

        var accepted = await host.Safeguarding.SubmitReturnAsync(Return(Leeds, ("safeguarding.missing_adults", 180)));
        // Another window is another force figure: none yet, so nothing to check against.
        var nextQuarter = Return(Leeds, ("safeguarding.missing_adults", 500));
        nextQuarter.Period = Period.Parse("FY2024/25-Q2").ToContract();
        var otherWindow = await host.Safeguarding.SubmitReturnAsync(nextQuarter);

        Assert.Equal(1, accepted.Revision);
        Assert.Equal(1, otherWindow.Revision);
    }

    [Fact]
    public void PartsOfWholes_EveryMeasureIsInTheCatalogue()
    {
        var catalogue = MeasureCatalogue.Load();
        Assert.All(SafeguardingMeasures.PartsOfWholes, pair =>
        {
            Assert.True(catalogue.TryGet(pair.Part, out _), pair.Part);
            Assert.True(catalogue.TryGet(pair.Whole, out _), pair.Whole);
        });
    }
}
