using Partnership.Domain;
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

    [Fact]
    public void Calculate_DerivedConversionRate_IsRatioOfSumsNotMeanOfRates()
    {
        // Bradford 50 crimes / 100 incidents = 50%, Leeds 240 / 300 = 80%: mean of rates 65%, county 290 / 400.
        var crimes = Roll("safeguarding.da_crimes", null, Value(Bradford, 50), Value(Leeds, 240));
        var incidents = Roll("safeguarding.da_incidents", null, Value(Bradford, 100), Value(Leeds, 300));

        var rate = Assert.Single(DerivedMeasureCalculator.Calculate(Catalogue, Districts, [crimes, incidents]));

        Assert.Equal("safeguarding.da_conversion_rate", rate.Measure.Id);
        Assert.Equal(290m / 400m, rate.CountyValue);
        Assert.Equal(290m, rate.CountyNumerator);
        Assert.Equal(400m, rate.CountyDenominator);
        Assert.NotEqual((0.5m + 0.8m) / 2, rate.CountyValue);
        Assert.Equal([Bradford, Leeds], rate.DistrictsIncluded);
        Assert.Equal(Figure.OfFraction(50, 100), rate.Districts[0].Figure);
        Assert.True(rate.Provisional);
    }

    [Fact]
    public void Calculate_DerivedRepeatRate_DividesTheForceFigures()
    {
        var repeat = Roll("safeguarding.missing_adults_repeat", Value(WestYorkshire, 60), Value(Bradford, 25), Value(Leeds, 40));
        var total = Roll("safeguarding.missing_adults", Value(WestYorkshire, 240), Value(Bradford, 100), Value(Leeds, 160));

        var rate = Assert.Single(DerivedMeasureCalculator.Calculate(Catalogue, Districts, [repeat, total]));

        Assert.Equal("safeguarding.missing_adults_repeat_rate", rate.Measure.Id);
        Assert.Equal(0.25m, rate.CountyValue);
        Assert.Equal(CountySource.SubmittedCountyFigure, rate.Source);
    }

    [Fact]
    public void Calculate_DerivedRateWithoutBothComponents_IsNotListed()
    {
        var crimes = Roll("safeguarding.da_crimes", null, Value(Bradford, 50));

        Assert.Empty(DerivedMeasureCalculator.Calculate(Catalogue, Districts, [crimes]));
    }
}
