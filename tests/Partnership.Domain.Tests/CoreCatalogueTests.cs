namespace Partnership.Domain.Tests;

/// <summary>
/// The national core catalogue holds the measures the reference plans name (docs/catalogue.md), and a
/// force adds its own through a file.
/// </summary>
public class CoreCatalogueTests
{
    private static readonly MeasureCatalogue Catalogue = MeasureCatalogue.Load();

    [Theory]
    [InlineData("crime.vehicle", "crime-measures", "count", AggregationRule.Sum, Polarity.LowerIsBetter)]
    [InlineData("crime.robbery", "crime-measures", "count", AggregationRule.Sum, Polarity.LowerIsBetter)]
    [InlineData("crime.robbery_solved", "crime-measures", "ratio", AggregationRule.Ratio, Polarity.HigherIsBetter)]
    [InlineData("crime.domestic_burglary_solved", "crime-measures", "ratio", AggregationRule.Ratio, Polarity.HigherIsBetter)]
    [InlineData("crime.hate_crime", "crime-measures", "count", AggregationRule.Sum, Polarity.Monitor)]
    [InlineData("crime.hate_incidents", "crime-measures", "count", AggregationRule.Sum, Polarity.Monitor)]
    [InlineData("crime.hate_crime_solved", "crime-measures", "ratio", AggregationRule.Ratio, Polarity.HigherIsBetter)]
    [InlineData("crime.stop_searches", "crime-measures", "count", AggregationRule.Sum, Polarity.Monitor)]
    [InlineData("crime.stop_search_positive_outcome_rate", "crime-measures", "ratio", AggregationRule.Ratio, Polarity.HigherIsBetter)]
    [InlineData("roads.killed_or_seriously_injured", "crime-measures", "count", AggregationRule.Sum, Polarity.LowerIsBetter)]
    [InlineData("roads.killed", "crime-measures", "count", AggregationRule.Sum, Polarity.LowerIsBetter)]
    [InlineData("roads.seriously_injured", "crime-measures", "count", AggregationRule.Sum, Polarity.LowerIsBetter)]
    [InlineData("response.emergency_attended_in_target", "crime-measures", "ratio", AggregationRule.Ratio, Polarity.HigherIsBetter)]
    [InlineData("response.priority_attended_in_target", "crime-measures", "ratio", AggregationRule.Ratio, Polarity.HigherIsBetter)]
    [InlineData("survey.police_confidence", "crime-measures", "percent", AggregationRule.CountyOnly, Polarity.HigherIsBetter)]
    [InlineData("safeguarding.mental_health_incidents", "safeguarding", "count", AggregationRule.Sum, Polarity.Monitor)]
    [InlineData("safeguarding.serious_sexual_offences", "safeguarding", "count", AggregationRule.Sum, Polarity.Monitor)]
    [InlineData("safeguarding.serious_sexual_offences_solved", "safeguarding", "ratio", AggregationRule.Ratio, Polarity.HigherIsBetter)]
    public void Load_BuiltIn_HasThePlansMeasureWithItsRuleUnitAndPolarity(string id, string service, string unit, AggregationRule rule, Polarity polarity)
    {
        var measure = Catalogue.Get(id);

        Assert.Equal((service, unit, rule, polarity), (measure.Service, measure.Unit, measure.Rule, measure.Polarity));
        Assert.Equal(SubmissionLevel.District, measure.Level);
        Assert.False(measure.IsDerived);
        // Counted by district over any window a return comes in, like the crime figures beside them.
        Assert.Equal(
            [PeriodKind.Month, PeriodKind.Quarter, PeriodKind.HalfYear, PeriodKind.FinancialYear, PeriodKind.YearToDate, PeriodKind.Rolling12Months],
            measure.Cadences);
    }

    [Theory]
    [InlineData("safeguarding.mental_health_incidents")]
    [InlineData("safeguarding.serious_sexual_offences")]
    [InlineData("safeguarding.serious_sexual_offences_solved")]
    public void Load_BuiltIn_SafeguardingAdditionsAreRestrictedLikeTheRestOfTheirService(string id)
    {
        Assert.Equal(Confidentiality.Restricted, Catalogue.Get(id).DefaultConfidentiality);
    }

    [Fact]
    public void Load_ExtraFile_AddsTheForcesOwnMeasureToTheCore()
    {
        var file = Path.Combine(Path.GetTempPath(), $"measures-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            [
              { "id": "crime.west_mercia.rural", "name": "Rural crime (West Mercia)", "unit": "count", "polarity": "lower_is_better", "rule": "sum", "cadences": ["month", "quarter"], "service": "crime-measures" }
            ]
            """);
        try
        {
            var catalogue = MeasureCatalogue.Load([file]);

            var rural = catalogue.Get("crime.west_mercia.rural");
            Assert.Equal(("Rural crime (West Mercia)", "count", AggregationRule.Sum, Polarity.LowerIsBetter), (rural.Name, rural.Unit, rural.Rule, rural.Polarity));
            Assert.Equal([PeriodKind.Month, PeriodKind.Quarter], rural.Cadences);
            Assert.Contains(rural, catalogue.ForService("crime-measures"));
            Assert.Equal(Catalogue.All.Count + 1, catalogue.All.Count);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Load_ExtraFileRedefiningACoreMeasure_IsRefused()
    {
        var file = Path.Combine(Path.GetTempPath(), $"measures-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """
            [ { "id": "crime.vehicle", "name": "Vehicle crime", "unit": "count", "polarity": "monitor", "rule": "sum", "cadences": ["quarter"], "service": "crime-measures" } ]
            """);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => MeasureCatalogue.Load([file]));

            Assert.Equal("The measure catalogue defines 'crime.vehicle' twice.", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
