using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Rollups;
using static Partnership.Safeguarding.Tests.Returns;
using static Partnership.Testing.Areas;

namespace Partnership.Safeguarding.Tests;

public class SafeguardingRollupTests
{
    private static readonly MeasureCatalogue Catalogue = MeasureCatalogue.Load();
    private static readonly IReadOnlyList<AreaDefinition> Districts = Geography.Load().DistrictsOf(WestYorkshire, Q1.End);

    private static SourcedFigure Value(string area, decimal value) =>
        new(area, Figure.OfValue(value), ObservationStatus.Final, Confidentiality.Restricted, 1, "r-" + area);

    private static MeasureRollup Roll(string measure, SourcedFigure? county, params SourcedFigure[] districts) =>
        CountyRollupCalculator.Calculate(Catalogue.Get(measure), Districts, districts, county);

    [Fact]
    public void Calculate_MissingPeople_UsesTheForceFigureWithTheDistrictSumBeside()
    {
        // Someone missing from Leeds and from Bradford is one person in West Yorkshire.
        var rollup = Roll("safeguarding.missing_children", Value(WestYorkshire, 410),
            Value(Bradford, 120), Value(Calderdale, 41), Value(Kirklees, 88), Value(Leeds, 150), Value(Wakefield, 30));

        Assert.Equal(410m, rollup.CountyValue);
        Assert.Equal(429m, rollup.DistrictSum);
        Assert.Equal(CountySource.SubmittedCountyFigure, rollup.Source);
        Assert.False(rollup.Provisional);
        Assert.Contains("expected", rollup.Explanation, StringComparison.Ordinal);
    }

    private static ObservedRow Row(string measure, string area, decimal value) =>
        new(measure, Q1, Value(area, value));

    /// <summary>The county rollup of Q1 built from these rows by the window engine the Delivery report uses too.</summary>
    private static MeasureRollup Rollup(string measure, params ObservedRow[] rows) =>
        CountyRollupQuery.Build(Catalogue, Geography.Load(), Geography.Load().Get(WestYorkshire), Q1, ForceFigures.From(Catalogue, rows))
            .Measures.Single(m => m.Measure.Id == measure);

    [Fact]
    public void Build_DerivedConversionRate_IsRatioOfSumsNotMeanOfRates()
    {
        // Bradford 50 crimes / 100 incidents = 50%, Leeds 240 / 300 = 80%: mean of rates 65%, county 290 / 400.
        var rate = Rollup("safeguarding.da_conversion_rate",
            Row("safeguarding.da_crimes", Bradford, 50), Row("safeguarding.da_crimes", Leeds, 240),
            Row("safeguarding.da_incidents", Bradford, 100), Row("safeguarding.da_incidents", Leeds, 300));

        Assert.Equal(290m / 400m, rate.CountyValue);
        Assert.Equal(290m, rate.CountyNumerator);
        Assert.Equal(400m, rate.CountyDenominator);
        Assert.NotEqual((0.5m + 0.8m) / 2, rate.CountyValue);
        Assert.Equal([Bradford, Leeds], rate.DistrictsIncluded);
        Assert.Equal(Figure.OfFraction(50, 100), rate.Districts[0].Figure);
        Assert.True(rate.Provisional);
    }

    [Fact]
    public void Build_DerivedRepeatRate_DividesTheForceFigures()
    {
        var rate = Rollup("safeguarding.missing_adults_repeat_rate",
            Row("safeguarding.missing_adults_repeat", WestYorkshire, 60), Row("safeguarding.missing_adults_repeat", Bradford, 25), Row("safeguarding.missing_adults_repeat", Leeds, 40),
            Row("safeguarding.missing_adults", WestYorkshire, 240), Row("safeguarding.missing_adults", Bradford, 100), Row("safeguarding.missing_adults", Leeds, 160));

        Assert.Equal(0.25m, rate.CountyValue);
        Assert.Equal(CountySource.SubmittedCountyFigure, rate.Source);
    }

    [Fact]
    public void Build_DerivedRateWithoutOneComponent_IsEmptyAndNamesIt()
    {
        var rate = Rollup("safeguarding.da_conversion_rate", Row("safeguarding.da_crimes", Bradford, 50));

        Assert.Null(rate.CountyValue);
        Assert.StartsWith("No figure for safeguarding.da_incidents", rate.Explanation, StringComparison.Ordinal);
    }
}
