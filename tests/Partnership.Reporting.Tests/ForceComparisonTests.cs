using Partnership.Domain;
using Partnership.Reporting.Comparisons;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Publishing;
using Partnership.Returns;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

/// <summary>A force against its most similar group and all forces, worked by hand.</summary>
public sealed class ForceComparisonTests
{
    private const string Rate = "crime.total_recorded.per_1000";
    private const string Publication = "ONS Crime in England and Wales, year ending March 2024";
    private const string DevonAndCornwall = "E23000035";
    private const string Lincolnshire = "E23000020";
    private const string Norfolk = "E23000024";
    private const string NorthYorkshire = "E23000009";
    private const string Suffolk = "E23000025";
    private const string Warwickshire = "E23000017";
    private const string Wiltshire = "E23000036";
    private const string Metropolitan = "E23000001";
    private const string Cleveland = "E23000013";

    private static readonly Period YearToMarch2024 = Period.FinancialYear(2023);
    private static readonly DateOnly Published = new(2024, 7, 24);
    private static readonly PoliceForces Forces = PoliceForces.LoadBuiltIn();

    // The test's own group, so the numbers do not move when the built-in (unverified) groups are corrected.
    private static readonly MostSimilarGroups Groups = MostSimilarGroups.Read(new StringReader($"""
        force_code,peer_code,from,to,membership
        {WestMercia},{DevonAndCornwall},,,confirmed
        {WestMercia},{Lincolnshire},,,confirmed
        {WestMercia},{Norfolk},,,confirmed
        {WestMercia},{NorthYorkshire},,,confirmed
        {WestMercia},{Suffolk},,,confirmed
        {WestMercia},{Warwickshire},,,confirmed
        {WestMercia},{Wiltshire},,,unverified
        """), "test groups");

    private static readonly MeasureDefinition TotalRecorded = ReportData.Catalogue.Get("crime.total_recorded");

    /// <summary>West Mercia 60.0; peers 55.0, 60.0 (a tie), 58.5, 50.5, 62.0, 71.0 and Wiltshire with no figure; two more forces; England and Wales 74.3.</summary>
    private static NationalFigures Table(Period window) => new(
    [
        .. new (string Area, decimal Value)[]
        {
            (WestMercia, 60.0m), (DevonAndCornwall, 55.0m), (Lincolnshire, 60.0m), (Norfolk, 58.5m), (NorthYorkshire, 50.5m),
            (Suffolk, 62.0m), (Warwickshire, 71.0m), (Metropolitan, 90.0m), (Cleveland, 110.2m), (PoliceForces.EnglandAndWales, 74.3m),
        }.Select(f => new NationalFigureRow(f.Area, Rate, window, f.Value, Publication, Published)),
    ]);

    private static ForceComparison Compare(Polarity polarity, NationalFigures? table = null) =>
        new ForceComparer(Groups, Forces).Compare(WestMercia, TotalRecorded, polarity, [YearToMarch2024], table ?? Table(YearToMarch2024))!;

    [Fact]
    public void Compare_GroupAverage_IsTheMeanOfThePeersRatesWithoutTheForceOrTheMissingPeer()
    {
        var comparison = Compare(Polarity.LowerIsBetter);

        // (55.0 + 60.0 + 58.5 + 50.5 + 62.0 + 71.0) / 6 = 357 / 6 = 59.5
        Assert.Equal(59.5m, comparison.GroupAverage);
        Assert.Equal(6, comparison.GroupAverageOf);
        Assert.Equal(60.0m, comparison.Force.Value);
        Assert.Equal(74.3m, comparison.EnglandAndWales);
        Assert.Equal((Publication, Published, YearToMarch2024), (comparison.Publication, comparison.PublishedOn, comparison.Window));
    }

    [Fact]
    public void Compare_PeerWithoutAFigure_IsNamedAsMissing()
    {
        var comparison = Compare(Polarity.LowerIsBetter);

        Assert.Equal([(Wiltshire, "Wiltshire")], comparison.MissingPeers.Select(p => (p.Code, p.Name)));
        Assert.Equal(7, comparison.Peers.Count);
        Assert.False(comparison.GroupVerified);
    }

    [Fact]
    public void Compare_LowerIsBetter_RanksFromTheLowestAndTiesShareTheRank()
    {
        var comparison = Compare(Polarity.LowerIsBetter);

        // Lower than 60.0 in the group: 55.0, 58.5, 50.5, so 4th; Lincolnshire also has 60.0; 6 peers with figures and the force.
        Assert.Equal("=4th lowest of 7", comparison.GroupRank!.Text);
        // Nationally the same three are lower, of the 8 other forces with figures and the force (England and Wales is no force).
        Assert.Equal("=4th lowest of 9", comparison.NationalRank!.Text);
        Assert.Equal(43, comparison.ForcesInAll);
    }

    [Fact]
    public void Compare_HigherIsBetter_RanksFromTheHighest()
    {
        var comparison = Compare(Polarity.HigherIsBetter);

        // Higher than 60.0 in the group: 62.0, 71.0, so 3rd, shared with Lincolnshire.
        Assert.Equal("=3rd highest of 7", comparison.GroupRank!.Text);
        // Nationally also 90.0 and 110.2: 5th.
        Assert.Equal("=5th highest of 9", comparison.NationalRank!.Text);
    }

    [Fact]
    public void Compare_NoTie_HasNoEqualsSign()
    {
        var table = new NationalFigures([.. Table(YearToMarch2024).Rows.Where(r => r.AreaCode != Lincolnshire)]);

        var comparison = Compare(Polarity.LowerIsBetter, table);

        Assert.Equal("4th lowest of 6", comparison.GroupRank!.Text);
        Assert.Equal([Lincolnshire, Wiltshire], comparison.MissingPeers.Select(p => p.Code));
        // (55.0 + 58.5 + 50.5 + 62.0 + 71.0) / 5 = 297 / 5 = 59.4
        Assert.Equal(59.4m, comparison.GroupAverage);
    }

    [Fact]
    public void Compare_FiguresForAnotherWindowOnly_GivesNoComparison()
    {
        var twelveMonthsToDecember = Period.Months(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 1));

        var comparison = new ForceComparer(Groups, Forces).Compare(WestMercia, TotalRecorded, Polarity.LowerIsBetter, [Period.FinancialQuarter(2023, 4), YearToMarch2024], Table(twelveMonthsToDecember));

        Assert.Null(comparison);
    }

    [Fact]
    public void WindowsFor_QuarterlyReportOfOneComparison_AddsTheTwelveMonthsToItsEnd()
    {
        Assert.Equal([Period.FinancialQuarter(2023, 4), YearToMarch2024], ForceComparer.WindowsFor(Period.FinancialQuarter(2023, 4), [ComparisonKind.PreviousYear]));
    }

    [Fact]
    public void Compare_TwoPublications_UsesTheLatestWithTheForcesRateAndNothingOfTheOther()
    {
        var earlier = new NationalFigureRow(Wiltshire, Rate, YearToMarch2024, 40.0m, "An earlier table", new DateOnly(2024, 5, 1));
        var table = new NationalFigures([.. Table(YearToMarch2024).Rows, earlier]);

        var comparison = Compare(Polarity.LowerIsBetter, table);

        Assert.Equal(Publication, comparison.Publication);
        Assert.Equal([Wiltshire], comparison.MissingPeers.Select(p => p.Code));
    }

    [Fact]
    public void Compare_ACount_ComparesItsRateNotTheCount()
    {
        var counts = new NationalFigures([new NationalFigureRow(WestMercia, "crime.total_recorded", YearToMarch2024, 73_000m, Publication, Published)]);

        Assert.Null(new ForceComparer(Groups, Forces).Compare(WestMercia, TotalRecorded, Polarity.LowerIsBetter, [YearToMarch2024], counts));
    }

    // The report's quarter (Jan to Mar 2024) has no national figure; its rolling 12 months does.
    private static DeliveryReport Report() =>
        new DeliveryReportBuilder(ReportData.Catalogue, ReportData.Geography, forces: new ForceComparer(Groups, Forces)).Build(
            new DeliveryPlan(WestMercia, "Test plan", "", [new PlanTheme("t", "Theme", 1, [new PlanObjective("o", "Objective", 1, [new PlanMeasure("crime.total_recorded", "Total", 1, null)])])]),
            Period.FinancialQuarter(2023, 4), [], [], includeSeries: false, Table(YearToMarch2024));

    [Fact]
    public void Build_ReportForTheQuarter_CarriesTheComparisonForItsTwelveMonthWindow()
    {
        var forces = Report().Rows().Single().Measure.Forces!;

        Assert.Equal((YearToMarch2024, "=4th lowest of 7", 59.5m), (forces.Window, forces.GroupRank!.Text, forces.GroupAverage));
    }

    [Fact]
    public void Markdown_Comparison_IsATableRowWithItsWindowRanksAndMissingPeer()
    {
        using var output = new StringWriter();
        DeliveryReportMarkdown.Write(Report(), output);

        Assert.Contains(
            "| Total | FY2023/24 | 60.0 | 59.5 (of 6 peers) | 74.3 | =4th lowest of 7 | =4th lowest of 9 (34 of 43 forces have no figure) | No figure for Wiltshire. Group membership unverified. ONS Crime in England and Wales, year ending March 2024, published 2024-07-24. |",
            output.ToString().Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void Csv_Comparison_IsOnTheCountyRowsWithItsOwnWindow()
    {
        using var output = new StringWriter();
        DeliveryReportCsv.Write(Report(), output);
        var records = CsvRecordReader.Read(new StringReader(output.ToString()));
        var header = records[0].Fields.ToList();
        string Field(IReadOnlyList<string> row, string column) => row[header.IndexOf(column)];

        Assert.Equal(
            [
                ("previous-year", "FY2023/24-Q4", "FY2023/24", "60", "59.5", "E23000036", "joint 4th lowest of 7"),
                ("rolling-12-months", "FY2023/24", "FY2023/24", "60", "59.5", "E23000036", "joint 4th lowest of 7"),
                ("year-to-date", "FY2023/24", "FY2023/24", "60", "59.5", "E23000036", "joint 4th lowest of 7"),
            ],
            records.Skip(1).Select(r => r.Fields).Select(r => (Field(r, "comparison"), Field(r, "current_period"), Field(r, "forces_window"), Field(r, "forces_rate"), Field(r, "msg_average"), Field(r, "msg_missing"), Field(r, "msg_rank"))));
    }

    [Fact]
    public void Html_Comparison_IsATableRowOfTheForcesSection()
    {
        var html = DashboardPage.Render(Report(), new DashboardFilters(ComparisonKind.Rolling12Months, null, [], Interactive: false));

        Assert.Contains("<tr data-measure=\"crime.total_recorded\"><td>Total</td><td>FY2023/24</td><td class=\"num\">60.0</td><td class=\"num\">59.5 (of 6 peers)</td><td class=\"num\">74.3</td><td class=\"rank\">=4th lowest of 7</td>", html);
    }

    [Theory]
    [InlineData(1, "1st")]
    [InlineData(2, "2nd")]
    [InlineData(3, "3rd")]
    [InlineData(4, "4th")]
    [InlineData(11, "11th")]
    [InlineData(12, "12th")]
    [InlineData(13, "13th")]
    [InlineData(21, "21st")]
    [InlineData(22, "22nd")]
    [InlineData(43, "43rd")]
    public void Ordinal_Number_IsWrittenAsEnglishOrdinal(int n, string expected) => Assert.Equal(expected, ForceRank.Ordinal(n));

    [Fact]
    public void BuiltInGroups_WestYorkshireAndWestMercia_HaveSevenPeersEachAllForces()
    {
        var groups = MostSimilarGroups.LoadBuiltIn();
        var on = new DateOnly(2024, 3, 31);

        foreach (var force in new[] { "E23000010", WestMercia })
        {
            var group = groups.For(force, on)!;
            Assert.Equal(7, group.Peers.Select(p => p.Code).Distinct().Count());
            Assert.All(group.Peers, p => Assert.True(Forces.Contains(p.Code), p.Code));
            Assert.DoesNotContain(force, group.Peers.Select(p => p.Code));
        }

        Assert.Equal(43, Forces.Codes.Count);
    }
}
