using Partnership.Testing;

namespace Partnership.Domain.Tests;

public class ReferenceDataTests
{
    [Fact]
    public void Load_BuiltInCatalogue_HasEveryCrimeMeasureWithItsRule()
    {
        var catalogue = MeasureCatalogue.Load();
        var crime = catalogue.ForService("crime-measures");

        // 28 submitted measures and 4 rates per 1,000 population derived from them.
        Assert.Equal((28, 4), (crime.Count(m => !m.IsDerived), crime.Count(m => m.IsDerived)));
        Assert.Equal(AggregationRule.Ratio, catalogue.Get("crime.violence_with_injury_solved").Rule);
        Assert.Equal(FigureKind.Ratio, catalogue.Get("crime.violence_with_injury_solved").Kind);
        Assert.Equal(AggregationRule.CountyOnly, catalogue.Get("survey.feeling_safe").Rule);
        Assert.Contains(PeriodKind.Rolling12Months, catalogue.Get("survey.feeling_safe").Cadences);
        Assert.Equal(Polarity.LowerIsBetter, catalogue.Get("crime.total_recorded").Polarity);
    }

    [Theory]
    [InlineData("FY2020/21", PeriodKind.Rolling12Months, true)] // a financial year is the 12 months to March
    [InlineData("2020-01..2020-12", PeriodKind.Rolling12Months, true)]
    [InlineData("FY2020/21-Q1", PeriodKind.YearToDate, true)] // April to June is the year to June
    [InlineData("FY2020/21-H1", PeriodKind.YearToDate, true)]
    [InlineData("2020-04..2020-12", PeriodKind.YearToDate, true)]
    [InlineData("FY2020/21-Q3", PeriodKind.YearToDate, false)]
    [InlineData("2020-01..2020-12", PeriodKind.Quarter, false)]
    [InlineData("FY2020/21", PeriodKind.Quarter, false)]
    [InlineData("2020-12-31", PeriodKind.YearToDate, false)]
    public void Allows_WindowOfTwoKinds_IsAllowedAsEither(string window, PeriodKind declared, bool allowed)
    {
        var measure = new MeasureDefinition("test.measure", "Test", "count", Polarity.Monitor, AggregationRule.CountyOnly, [declared], "test");

        Assert.Equal(allowed, measure.Allows(Period.Parse(window)));
    }

    [Fact]
    public void Load_BuiltInGeography_NestsWestYorkshireDistricts()
    {
        var geography = Geography.Load();

        var districts = geography.DistrictsOf(Areas.WestYorkshire, new DateOnly(2020, 12, 31));

        Assert.Equal(["Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield"], districts.Select(d => d.Name));
        Assert.Equal(Areas.WestYorkshire, geography.ForceOf(Areas.Leeds, new DateOnly(2020, 12, 31)));
    }

    [Fact]
    public void DistrictsOf_MembershipEnded_LeavesDistrictOut()
    {
        var geography = new Geography(
            [new AreaDefinition("F1", "Force", AreaType.Force), new AreaDefinition("D1", "Old", AreaType.District), new AreaDefinition("D2", "New", AreaType.District)],
            [new AreaMembership("D1", "F1", To: new DateOnly(2019, 3, 31)), new AreaMembership("D2", "F1", From: new DateOnly(2019, 4, 1))]);

        Assert.Equal(["Old"], geography.DistrictsOf("F1", new DateOnly(2019, 1, 1)).Select(d => d.Name));
        Assert.Equal(["New"], geography.DistrictsOf("F1", new DateOnly(2020, 1, 1)).Select(d => d.Name));
    }

    [Fact]
    public void Constructor_DuplicateMeasure_IsRejected()
    {
        var measure = new MeasureDefinition("x", "X", "count", Polarity.Monitor, AggregationRule.Sum, [PeriodKind.Quarter], "s");
        Assert.Throws<InvalidDataException>(() => new MeasureCatalogue([measure, measure]));
    }
}
