namespace Partnership.Domain.Tests;

/// <summary>Which measures' small counts could identify people, as the catalogue says.</summary>
public class MeasureDisclosureTests
{
    private static readonly MeasureCatalogue Catalogue = MeasureCatalogue.Load();

    [Theory]
    [InlineData("safeguarding.missing_adults")]
    [InlineData("safeguarding.missing_adults_repeat")]
    [InlineData("safeguarding.missing_children")]
    [InlineData("safeguarding.missing_children_repeat")]
    [InlineData("safeguarding.children_at_risk_of_exploitation")]
    [InlineData("safeguarding.missing_children_repeat_rate")]
    [InlineData("safeguarding.marac_referrals")]
    [InlineData("victims.isva_caseload")]
    public void Load_PeopleBasedMeasure_IsDisclosiveBelowFive(string id)
    {
        var rule = Catalogue.Get(id).Disclosure;

        Assert.NotNull(rule);
        Assert.Equal(5, rule.Threshold);
        Assert.True(rule.Hides(4));
        Assert.False(rule.Hides(5));
        Assert.False(rule.Hides(0));
    }

    [Theory]
    [InlineData("crime.homicide")]
    [InlineData("safeguarding.stalking_protection_orders")]
    [InlineData("safeguarding.dvpo_granted")]
    [InlineData("safeguarding.rape_recorded")]
    [InlineData("safeguarding.da_conversion_rate")]
    [InlineData("cjs.crown_outstanding_over_52w")]
    public void Load_CountOfEventsOrOrders_IsNotDisclosive(string id)
    {
        Assert.False(Catalogue.Get(id).IsDisclosive);
    }

    [Fact]
    public void Load_DisclosureWithoutThreshold_TakesTheDefault()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """
                [{ "id": "test.people", "name": "People", "unit": "count", "polarity": "monitor", "rule": "sum",
                   "cadences": ["quarter"], "service": "crime-measures", "disclosure": {} },
                 { "id": "test.rare_people", "name": "Rare people", "unit": "count", "polarity": "monitor", "rule": "sum",
                   "cadences": ["quarter"], "service": "crime-measures", "disclosure": { "threshold": 10 } }]
                """);

            var catalogue = MeasureCatalogue.Load([file]);

            Assert.Equal(DisclosureRule.DefaultThreshold, catalogue.Get("test.people").Disclosure!.Threshold);
            Assert.Equal(10, catalogue.Get("test.rare_people").Disclosure!.Threshold);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Constructor_RateOfDisclosiveComponentNotItselfDisclosive_IsRejectedNamingIt()
    {
        MeasureDefinition Count(string id, DisclosureRule? rule) => new(id, id, "count", Polarity.Monitor, AggregationRule.Sum, [PeriodKind.Quarter], "safeguarding", Disclosure: rule);
        var rate = new MeasureDefinition("test.rate", "Rate", "ratio", Polarity.Monitor, AggregationRule.Ratio, [PeriodKind.Quarter], "safeguarding", DerivedFrom: new DerivedFrom("test.repeat", "test.all"));

        var ex = Assert.Throws<InvalidDataException>(() => new MeasureCatalogue([Count("test.repeat", new DisclosureRule()), Count("test.all", null), rate]));

        Assert.Contains("'test.rate'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'test.repeat'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ThresholdThatHidesNothing_IsRejected()
    {
        var measure = new MeasureDefinition("test.people", "People", "count", Polarity.Monitor, AggregationRule.Sum, [PeriodKind.Quarter], "safeguarding", Disclosure: new DisclosureRule(1));

        var ex = Assert.Throws<InvalidDataException>(() => new MeasureCatalogue([measure]));

        Assert.Contains("'test.people'", ex.Message, StringComparison.Ordinal);
    }
}
