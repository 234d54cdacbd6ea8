using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Publishing;
using Partnership.Returns;
using static Partnership.Reporting.Tests.ReportData;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

/// <summary>
/// Rates per 1,000 population (crime.total_recorded.per_1000): each area's count for the window over
/// its mid-year estimate for the window's year, times 1,000. West Mercia and hand-made estimates, so
/// the numbers below can be worked by hand and do not move when the built-in figures are revised.
/// </summary>
public class RatePerPopulationTests
{
    private const string Rate = "crime.total_recorded.per_1000";
    private const string Crimes = "crime.total_recorded";

    // 2022/23 Q3 is October to December 2022: its year is mid-2022 (the latest 30 June on or before 31 December 2022).
    private static readonly Period Current = Q(2022, 3);
    private static readonly Period Previous = Q(2021, 3);

    /// <summary>
    /// Mid-2021 and mid-2022 for every area, and a mid-2023 for Herefordshire that no window here may use.
    /// The force's population is the sum of its districts': 200,000 + 320,000 + 180,000 + 250,000 + 300,000 = 1,250,000.
    /// </summary>
    private static readonly PopulationEstimates Populations = new(
    [
        new(Herefordshire, 2021, 180_000, "Test mid-2021, published 2022"),
        new(Herefordshire, 2022, 200_000, "Test mid-2022, published 2024"),
        new(Herefordshire, 2023, 250_000, "Test mid-2023, published 2025"),
        new(Shropshire, 2022, 320_000, "Test mid-2022, published 2024"),
        new(TelfordAndWrekin, 2022, 180_000, "Test mid-2022, published 2024"),
        new(NorthWorcestershire, 2022, 250_000, "Test mid-2022, published 2024"),
        new(SouthWorcestershire, 2022, 300_000, "Test mid-2022, published 2024"),
        new(WestMercia, 2021, 1_200_000, "Test mid-2021, published 2022"),
        new(WestMercia, 2022, 1_250_000, "Test mid-2022, published 2024"),
    ]);

    private static MeasureReport Report(IReadOnlyList<ObservedRow> rows, PopulationEstimates? populations = null) =>
        Build(rows, populations).Rows().Single().Measure;

    private static DeliveryReport Build(IReadOnlyList<ObservedRow> rows, PopulationEstimates? populations = null)
    {
        var plan = new DeliveryPlan(WestMercia, "Test plan", "", [new PlanTheme("t", "Theme", 1, [new PlanObjective("o", "Objective", 1, [new PlanMeasure(Rate, "Crime per 1,000", 1)])])]);
        return new DeliveryReportBuilder(Catalogue, ReportData.Geography, populations ?? Populations).Build(plan, Current, [ComparisonKind.PreviousYear], rows, includeSeries: false);
    }

    private static AreaComparison District(MeasureReport row, string code) =>
        row.Districts.Single(d => d.Area.Code == code).For(ComparisonKind.PreviousYear)!;

    private static AreaComparison County(MeasureReport row) => row.County.For(ComparisonKind.PreviousYear)!;

    [Theory]
    [InlineData("2022-04-01", "2022-06-30", 2022)] // Q1: its own 30 June
    [InlineData("2022-10-01", "2022-12-31", 2022)] // Q3
    [InlineData("2023-01-01", "2023-03-31", 2022)] // Q4: the same year as the rest of 2022/23
    [InlineData("2022-04-01", "2023-03-31", 2022)] // the financial year: the 30 June near its middle
    [InlineData("2022-01-01", "2022-12-31", 2022)] // 12 months to December: that year's 30 June
    [InlineData("2022-06-01", "2023-05-31", 2022)] // 12 months to May 2023: 30 June 2023 is after its end
    [InlineData("2022-05-01", "2022-05-31", 2021)] // May 2022: 30 June 2022 has not come
    public void YearOf_Window_IsTheLatestThirtiethOfJuneNotAfterItsEnd(string start, string end, int year) =>
        Assert.Equal(year, PopulationEstimates.YearOf(Period.Months(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void Build_TwoYearsOfPopulation_EachWindowDividesByItsOwnYear()
    {
        // Now 400 crimes over mid-2022's 200,000: 2.0 per 1,000 (mid-2023's 250,000 would give 1.6).
        // A year earlier 378 over mid-2021's 180,000: 2.1 (mid-2022's 200,000 would give 1.89).
        // Change: 2.0 - 2.1 = -0.1 per 1,000, -0.1 / 2.1 = -4.7619...%, shown -4.8%.
        var row = Report([Value(Crimes, Herefordshire, Current, 400), Value(Crimes, Herefordshire, Previous, 378)]);
        var herefordshire = District(row, Herefordshire);

        Assert.Equal(2.0m, herefordshire.Current.Value);
        Assert.Equal(2022, herefordshire.Current.Population!.Year);
        Assert.Equal((400m, 200_000m), (herefordshire.Current.Numerator, herefordshire.Current.Denominator));
        Assert.Equal(2.1m, herefordshire.Previous.Value);
        Assert.Equal(2021, herefordshire.Previous.Population!.Year);
        Assert.Equal("-0.1 per 1,000 -4.8%", FigureText.Change(row.Unit, herefordshire.Change));
        Assert.Null(herefordshire.Change!.PercentagePoints);
    }

    [Fact]
    public void Build_County_IsTheForcesCountOverTheForcesPopulationNotTheMeanOfDistrictRates()
    {
        // Districts: 200/200,000 = 1.0, 960/320,000 = 3.0, 180/180,000 = 1.0, 500/250,000 = 2.0 and
        // 600/300,000 = 2.0 per 1,000; their mean is 1.8. The county: (200 + 960 + 180 + 500 + 600) = 2,440
        // over 1,250,000, x 1,000 = 1.952.
        var row = Report(
        [
            Value(Crimes, Herefordshire, Current, 200), Value(Crimes, Shropshire, Current, 960),
            Value(Crimes, TelfordAndWrekin, Current, 180), Value(Crimes, NorthWorcestershire, Current, 500), Value(Crimes, SouthWorcestershire, Current, 600),
        ]);
        var county = County(row).Current;

        Assert.Equal(1.952m, county.Value);
        Assert.Equal((2_440m, 1_250_000m), (county.Numerator, county.Denominator));
        Assert.False(county.Provisional);
        // In the geography's order: Herefordshire, North Worcestershire, Shropshire, South Worcestershire, Telford and Wrekin.
        Assert.Equal([1.0m, 2.0m, 3.0m, 2.0m, 1.0m], WestMerciaDistricts.Select(d => District(row, d).Current.Value!.Value));
        Assert.Equal("2.0 per 1,000", FigureText.Value(row.Unit, county));
    }

    [Fact]
    public void Build_DistrictMissing_CountyRateIsProvisionalAndNamesIt()
    {
        // Neither Worcestershire partnership has reported: the count is 200 + 960 + 180 = 1,340, provisional, over the
        // force's 1,250,000: 1.072 per 1,000, said to be low.
        var row = Report([Value(Crimes, Herefordshire, Current, 200), Value(Crimes, Shropshire, Current, 960), Value(Crimes, TelfordAndWrekin, Current, 180)]);
        var county = County(row).Current;

        Assert.Equal(1.072m, county.Value);
        Assert.True(county.Provisional);
        Assert.Equal([NorthWorcestershire, SouthWorcestershire], county.Missing);
        Assert.Contains("The count leaves out North Worcestershire, South Worcestershire, so the rate over the whole force's population is provisional and low.", county.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(45, 40, "2.3 per 1,000", "0.3 per 1,000 12.5%")] // 2.25 (banker's rounding: 2.2); 2.25 - 2.0 = 0.25 (banker's: 0.2)
    [InlineData(40, 45, "2.0 per 1,000", "-0.3 per 1,000 -11.1%")] // -0.25 to -0.3; -0.25 / 2.25 = -11.11%
    public void Build_RateOnAHalf_RoundsHalfAwayFromZero(int now, int before, string value, string change)
    {
        // Herefordshire's 20,000 in both years: 45 / 20,000 x 1,000 = 2.25 and 40 / 20,000 x 1,000 = 2.0.
        var populations = new PopulationEstimates([new(Herefordshire, 2021, 20_000, "Test"), new(Herefordshire, 2022, 20_000, "Test")]);
        var row = Report([Value(Crimes, Herefordshire, Current, now), Value(Crimes, Herefordshire, Previous, before)], populations);
        var herefordshire = District(row, Herefordshire);

        Assert.Equal(value, FigureText.Value(row.Unit, herefordshire.Current));
        Assert.Equal(change, FigureText.Change(row.Unit, herefordshire.Change));
    }

    [Fact]
    public void Build_NoEstimateForTheWindowsYear_RateIsMissingAndSaysWhyNotBorrowed()
    {
        // Telford and Wrekin has mid-2022 only, so its 2021/22 Q3 rate (a mid-2021 window) is missing, not
        // worked out with mid-2022's figure; Shropshire has no estimate at all for mid-2021.
        var populations = new PopulationEstimates([new(TelfordAndWrekin, 2022, 180_000, "Test mid-2022"), new(TelfordAndWrekin, 2023, 181_000, "Test mid-2023")]);
        var row = Report([Value(Crimes, TelfordAndWrekin, Previous, 180), Value(Crimes, TelfordAndWrekin, Current, 180)], populations);
        var telford = District(row, TelfordAndWrekin);

        Assert.Equal(1.0m, telford.Current.Value);
        Assert.Null(telford.Previous.Value);
        Assert.Equal(
            "No mid-2021 population estimate for Telford and Wrekin (E06000020) (held: mid-2022, mid-2023; a rate uses its own year's estimate only), so no rate per 1,000.",
            telford.Previous.Explanation);
        Assert.Null(County(row).Current.Value);
        Assert.StartsWith("No mid-2022 population estimate for West Mercia (E23000016), nor for any other year, so no rate per 1,000.", County(row).Current.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Rate_ProvenanceCarriesThePopulationAndItsVintage()
    {
        var row = Report([Value(Crimes, Herefordshire, Current, 400)]);
        var cell = District(row, Herefordshire).Current;

        Assert.Equal(new PopulationEstimate(Herefordshire, 2022, 200_000, "Test mid-2022, published 2024"), cell.Population);
        Assert.Equal("Per 1,000 population: crime.total_recorded 400 / mid-2022 population 200,000 (Test mid-2022, published 2024) x 1,000.", cell.Explanation);
    }

    [Fact]
    public void Render_Rate_EveryFormatShowsThePopulationAndItsVintage()
    {
        var report = Build([Value(Crimes, Herefordshire, Current, 200), Value(Crimes, Shropshire, Current, 960), Value(Crimes, TelfordAndWrekin, Current, 180), Value(Crimes, NorthWorcestershire, Current, 500), Value(Crimes, SouthWorcestershire, Current, 600)]);
        var filters = new DashboardFilters(ComparisonKind.PreviousYear, null, [Current]);
        const string county = "Per 1,000 of the mid-2022 population 1,250,000 (Test mid-2022, published 2024).";

        Assert.Contains(county, ReportRenderer.Render(report, PublishedFormat.Markdown, filters).Content, StringComparison.Ordinal);
        Assert.Contains(county, ReportRenderer.Render(report, PublishedFormat.Html, filters).Content, StringComparison.Ordinal);
        var csv = CsvRecordReader.Read(new StringReader(ReportRenderer.Render(report, PublishedFormat.Csv, filters).Content));
        var header = csv[0].Fields.ToList();
        var countyRow = csv[1].Fields;
        Assert.Equal(
            ("per_1000", "1.952", "2440", "1250000", "1250000", "2022", "Test mid-2022, published 2024"),
            (countyRow[header.IndexOf("unit")], countyRow[header.IndexOf("current_value")], countyRow[header.IndexOf("current_numerator")], countyRow[header.IndexOf("current_denominator")],
                countyRow[header.IndexOf("current_population")], countyRow[header.IndexOf("current_population_year")], countyRow[header.IndexOf("current_population_vintage")]));
    }

    [Fact]
    public void Build_WestYorkshiresPlan_ShowsTotalRecordedCrimePer1000()
    {
        var plans = DeliveryPlans.Load(ReportData.Geography, MeasureCatalogue.Load());
        var plan = plans.All.Single(p => p.Rows().Any(r => r.Measure.Measure == Rate));

        Assert.Equal(WestYorkshire, plan.ForceAreaCode);
        Assert.Empty(PlanCatalogueCheck.Problems(plan, MeasureCatalogue.Load()));
    }
}
