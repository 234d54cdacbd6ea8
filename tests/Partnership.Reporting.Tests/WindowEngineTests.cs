using Partnership.Domain;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Rollups;
using static Partnership.Reporting.Tests.ReportData;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

/// <summary>
/// The county rollup and the Delivery Quarterly Report resolve windows with one engine: from the same
/// figures, side by side, they give the same county and district figures for every kind of window.
/// </summary>
public class WindowEngineTests
{
    private const string Crime = "crime.total_recorded";
    private const string Backlog = "cjs.crown_outstanding";
    private const string MissingChildren = "safeguarding.missing_children";
    private const string Incidents = "safeguarding.da_incidents";
    private const string Crimes = "safeguarding.da_crimes";
    private const string Conversion = "safeguarding.da_conversion_rate";

    private static readonly Period Q1 = Q(2020, 1);
    private static readonly Period Q2 = Q(2020, 2);
    private static readonly Period H1 = Period.Parse("2020-04..2020-09");

    /// <summary>Both reports of one window from the same rows; asserts they agree and returns the county cell.</summary>
    private static (MeasureRollup? Rollup, ReportCell County, MeasureReport Row) Both(IReadOnlyList<ObservedRow> rows, string measure, Period window)
    {
        var figures = ForceFigures.From(Catalogue, rows);
        var rollup = CountyRollupQuery.Build(Catalogue, ReportData.Geography, ReportData.Geography.Get(WestYorkshire), window, figures).Measures.SingleOrDefault(m => m.Measure.Id == measure);
        var row = Builder.Build(PlanOf(measure), window, [ComparisonKind.PreviousYear], figures).Rows().Single().Measure;
        var county = row.County.For(ComparisonKind.PreviousYear)!.Current;

        Assert.Equal(window, county.Window);
        Assert.Equal(county.Value, rollup?.CountyValue);
        Assert.Equal(county.Numerator, rollup?.CountyNumerator);
        Assert.Equal(county.Denominator, rollup?.CountyDenominator);
        if (rollup is not null)
        {
            Assert.Equal(county.Included, rollup.DistrictsIncluded);
            Assert.Equal(county.Missing, rollup.DistrictsMissing);
            Assert.Equal(county.Source, rollup.Source);
            Assert.Equal(county.Provisional, rollup.Provisional);
            Assert.Equal(county.DistrictSum, rollup.DistrictSum);
            // The districts in the county figure (a snapshot's district row may show an older date of its own).
            var districts = row.Districts.Where(d => county.Included.Contains(d.Area.Code) || county.Source == CountySource.SubmittedCountyFigure)
                .Select(d => (d.Area.Code, d.For(ComparisonKind.PreviousYear)!.Current.Value)).Where(d => d.Value is not null);
            Assert.Equal(districts, rollup.Districts.Select(d => (d.AreaCode, d.Figure.Resolved)));
        }

        return (rollup, county, row);
    }

    [Fact]
    public void Both_ExactQuarter_SumOfDistricts()
    {
        var rows = Districts.Select((d, i) => Value(Crime, d, Q1, 1_000 * (i + 1))).ToList();

        var (_, county, _) = Both(rows, Crime, Q1);

        Assert.Equal(15_000m, county.Value); // 1,000 + 2,000 + 3,000 + 4,000 + 5,000
        Assert.Equal(FigureMethod.Exact, county.Method);
    }

    [Fact]
    public void Both_HalfYearAfterTwoQuarterlyReturns_TilesTheQuarters()
    {
        // The repro: two quarterly returns, then a report for April to September 2020.
        var rows = Districts.Select((d, i) => Value(Crime, d, Q1, 1_000 * (i + 1)))
            .Concat(Districts.Select((d, i) => Value(Crime, d, Q2, 100 * (i + 1)))).ToList();

        var (rollup, county, row) = Both(rows, Crime, H1);

        Assert.NotNull(rollup);
        Assert.Equal(15_000m + 1_500m, county.Value);
        Assert.Equal(FigureMethod.Tiled, county.Method);
        Assert.Equal(4_000m + 400m, row.Districts.Single(d => d.Area.Code == Leeds).For(ComparisonKind.PreviousYear)!.Current.Value);
    }

    [Fact]
    public void Both_Snapshot_LatestOnOneDate()
    {
        var end = new DateOnly(2024, 12, 31);
        var rows = Districts.Select((d, i) => Value(Backlog, d, Period.Snapshot(end), 100 * (i + 1))).ToList();
        rows[4] = Value(Backlog, Wakefield, Period.Snapshot(new DateOnly(2024, 9, 30)), 480);

        var (rollup, county, _) = Both(rows, Backlog, Q(2024, 3));

        Assert.Equal(1_000m, county.Value); // 100 + 200 + 300 + 400; Wakefield's older snapshot is not added
        Assert.Equal([Wakefield], county.Missing);
        Assert.Equal(Period.Snapshot(end), rollup!.FigurePeriod);
    }

    [Fact]
    public void Both_CountyOnlyTwelveMonths_UsesOnlyTheFigureForExactlyThatWindow()
    {
        var year = Period.Parse("2020-01..2020-12");
        var rows = new List<ObservedRow> { Value(MissingChildren, WestYorkshire, year, 410) };
        // Quarters of unique people never add up to a year: only the 12-month count is used.
        rows.AddRange(Districts.Select(d => Value(MissingChildren, d, Q(2020, 3), 30)));
        rows.AddRange(Districts.Select((d, i) => Value(MissingChildren, d, year, 90 + i)));

        var (_, county, _) = Both(rows, MissingChildren, year);

        Assert.Equal(410m, county.Value);
        Assert.Equal(410m, county.SubmittedCountyValue);
        Assert.Equal(460m, county.DistrictSum); // 90 + 91 + 92 + 93 + 94, beside it: a child missing in two districts is one child
        Assert.Equal(CountySource.SubmittedCountyFigure, county.Source);
    }

    [Fact]
    public void Both_CountyOnlyWindowNotCounted_IsEmptyInBoth()
    {
        var rows = Districts.Select(d => Value(MissingChildren, d, Q1, 30)).Append(Value(MissingChildren, WestYorkshire, Q1, 120)).Append(Value(MissingChildren, WestYorkshire, Q2, 110)).ToList();

        var (_, county, _) = Both(rows, MissingChildren, H1);

        Assert.Null(county.Value);
    }

    [Fact]
    public void Both_NoFigures_RollupLeavesTheMeasureOutAndTheReportSaysWhy()
    {
        var rows = new List<ObservedRow> { Value(Crime, Leeds, Q1, 1_000) };

        var (rollup, county, _) = Both(rows, Crime, Q2);

        Assert.Null(rollup);
        Assert.Null(county.Value);
        Assert.StartsWith("No figures", county.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_MissingDistrict_ProvisionalAndNamed()
    {
        var rows = Districts.Take(4).Select((d, i) => Value(Crime, d, Q1, 1_000 * (i + 1))).ToList();

        var (_, county, _) = Both(rows, Crime, Q1);

        Assert.Equal(10_000m, county.Value);
        Assert.True(county.Provisional);
        Assert.Equal([Wakefield], county.Missing);
    }

    private static List<ObservedRow> DomesticAbuse(Period period, decimal scale = 1) =>
    [
        // Bradford 50 / 100 = 50%, Leeds 240 / 300 = 80%, the others 10 / 100 = 10% each.
        .. Districts.Select(d => Value(Crimes, d, period, scale * (d == Bradford ? 50 : d == Leeds ? 240 : 10))),
        .. Districts.Select(d => Value(Incidents, d, period, scale * (d == Bradford ? 100 : d == Leeds ? 300 : 100))),
    ];

    [Fact]
    public void Both_DerivedRate_IsTheRatioOfSumsInEveryWindowCountyAndDistricts()
    {
        var rows = DomesticAbuse(Q(2019, 1), 2).Concat(DomesticAbuse(Q1)).Concat(DomesticAbuse(Q2)).ToList();

        var (_, county, row) = Both(rows, Conversion, Q1);

        // (50 + 240 + 3 x 10) / (100 + 300 + 3 x 100) = 320 / 700, not the mean of district rates (26%).
        Assert.Equal(320m / 700m, county.Value);
        Assert.Equal(320m, county.Numerator);
        Assert.Equal(700m, county.Denominator);
        Assert.NotEqual((0.5m + 0.8m + (3 * 0.1m)) / 5, county.Value);
        Assert.Equal(0.8m, row.Districts.Single(d => d.Area.Code == Leeds).For(ComparisonKind.PreviousYear)!.Current.Value);
        // The comparison window a year earlier: the same rates from doubled counts, 640 / 1,400.
        Assert.Equal(640m / 1_400m, row.County.For(ComparisonKind.PreviousYear)!.Previous.Value);
        // Every point of the series that has its components (the quarters between hold none).
        var series = row.Series.Single(l => l.IsCounty).Points.Where(p => p.Value is not null).Select(p => (p.Window, p.Value));
        Assert.Equal([(Q(2019, 1), 640m / 1_400m), (Q1, 320m / 700m)], series);

        // A tiled half year: (320 + 320) / (700 + 700).
        Assert.Equal(640m / 1_400m, Both(rows, Conversion, H1).County.Value);
    }

    [Fact]
    public void Both_DerivedRateWithAComponentMissing_NamesIt()
    {
        var rows = DomesticAbuse(Q1).Where(r => r.MeasureId == Crimes).ToList();

        var (rollup, county, row) = Both(rows, Conversion, Q1);

        Assert.Null(county.Value);
        Assert.StartsWith($"No figure for {Incidents}", county.Explanation, StringComparison.Ordinal);
        Assert.EndsWith("none has been submitted for this window.", county.Explanation, StringComparison.Ordinal);
        Assert.Equal(county.Explanation, rollup!.Explanation);
        var leeds = row.Districts.Single(d => d.Area.Code == Leeds).For(ComparisonKind.PreviousYear)!.Current;
        Assert.StartsWith($"No figure for {Incidents}", leeds.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_SubmittedTwelveMonthsAndQuartersThatDiffer_UseTheSubmittedAndSaySo()
    {
        var year = Period.Parse("2020-01..2020-12");
        var quarters = new[] { Q(2019, 4), Q1, Q2, Q(2020, 3) };
        // Every district sends four quarters adding to 4 x 250 = 1,000; Leeds also counted the 12 months as 990.
        var rows = Districts.SelectMany(d => quarters.Select(q => Value(Crime, d, q, 250))).Append(Value(Crime, Leeds, year, 990)).ToList();

        var (rollup, county, row) = Both(rows, Crime, year);

        Assert.Equal((4 * 1_000m) + 990m, county.Value);
        var leeds = row.Districts.Single(d => d.Area.Code == Leeds).For(ComparisonKind.PreviousYear)!.Current;
        Assert.Equal(990m, leeds.Value);
        Assert.Equal(FigureMethod.Exact, leeds.Method);
        const string said = "the figure submitted for 12 months to 2020-12 (990) is used; the shorter windows held (FY2019/20-Q4 + FY2020/21-Q1 + FY2020/21-Q2 + FY2020/21-Q3) add up to 1000";
        Assert.Equal("The" + said[3..] + ".", leeds.Explanation);
        Assert.Contains("Leeds: " + said, county.Explanation, StringComparison.Ordinal);
        Assert.Contains("Leeds: " + said, rollup!.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_SubmittedTwelveMonthsThatAgreeWithTheQuarters_SayNothing()
    {
        var year = Period.Parse("2020-01..2020-12");
        var rows = new[] { Q(2019, 4), Q1, Q2, Q(2020, 3) }.Select(q => Value(Crime, Leeds, q, 250)).Append(Value(Crime, Leeds, year, 1_000)).ToList();

        var (_, county, _) = Both(rows, Crime, year);

        Assert.Equal(1_000m, county.Value);
        Assert.DoesNotContain("is used", county.Explanation, StringComparison.Ordinal);
    }
}
