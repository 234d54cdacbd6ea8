using System.Text;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Publishing;
using static Partnership.Reporting.Tests.ReportData;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

/// <summary>
/// Series breaks from the register: footnoted on every output, marked on the chart, and qualifying the
/// comparisons whose two windows lie either side of one. The breaks here are invented for the test.
/// </summary>
public sealed class SeriesBreaksTests
{
    private const string Reason = "New Home Office counting method (test date).";
    private static readonly DateOnly BreakDate = new(2023, 3, 1);

    // Q3 2024/25: its previous year (Oct-Dec 2023 against Oct-Dec 2024) starts after the break; the
    // rolling 12 months (2023 against 2024) start before it.
    private static readonly SeriesBreaks Register = new(
    [
        new SeriesBreak("crime.knife_enabled", BreakDate, Reason),
        new SeriesBreak("crime.knife_enabled", new DateOnly(2025, 4, 1), "After the report: not its footnote."),
        new SeriesBreak("asb.incidents", new DateOnly(2024, 4, 1), "Not a measure of this report."),
    ]);

    [Fact]
    public void Mark_ComparisonSpanningTheBreak_FlaggedAndTheOtherNot()
    {
        var measure = Report().Rows().Single().Measure;

        Assert.Equal([(BreakDate, Reason)], measure.Breaks.Select(b => (b.Date, b.Reason)));
        Assert.Equal(
            [(ComparisonKind.PreviousYear, (DateOnly?)null), (ComparisonKind.Rolling12Months, BreakDate)],
            measure.County.Comparisons.Select(c => (c.Kind, c.Break?.Date)));
        Assert.All(measure.Districts, d => Assert.Equal(BreakDate, d.For(ComparisonKind.Rolling12Months)!.Break?.Date));
    }

    [Fact]
    public void Markdown_SpanningComparison_QualifiedAndFootnoted()
    {
        using var output = new StringWriter();
        DeliveryReportMarkdown.Write(Report(), output);
        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        // Area, previous, current, difference, and whether the trend is qualified, for each row of the measure.
        var rows = lines.Where(l => l.StartsWith("| Knife crime |", StringComparison.Ordinal) || l.StartsWith("|  | Leeds", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .Select(c => (c[2], c[3], c[4], c[5], c[6].EndsWith("(b)", StringComparison.Ordinal)));
        Assert.Equal(
            [
                ("West Yorkshire", "50", "60", "10 20.0%", false),
                ("Leeds", "10", "12", "2 20.0%", false),
                ("West Yorkshire", "200", "240", "40 20.0% (b)", true),
                ("Leeds", "40", "48", "8 20.0% (b)", false),
            ],
            rows);
        var footnotes = lines.IndexOf("## Series breaks");
        Assert.Equal(
            ["", "- Knife crime: series break on 1 March 2023. New Home Office counting method (test date).", "", FigureText.BreakLegend],
            lines[(footnotes + 1)..(footnotes + 5)]);
    }

    [Fact]
    public void Csv_SpanningComparison_NamesTheBreak()
    {
        using var output = new StringWriter();
        DeliveryReportCsv.Write(Report(), output);
        var rows = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();

        Assert.EndsWith(",series_break", rows[0], StringComparison.Ordinal);
        Assert.Equal(
            [("E23000010", ""), ("E23000010", "2023-03-01: New Home Office counting method (test date).")],
            rows.Skip(1).Where(r => r.Contains(",E23000010,", StringComparison.Ordinal)).Select(r => ("E23000010", r[(r.LastIndexOf(",", StringComparison.Ordinal) + 1)..])));
    }

    [Fact]
    public void Dashboard_Break_MarkedOnTheChartTheCellAndTheFooter()
    {
        var html = DashboardPage.Render(Report(), new DashboardFilters(ComparisonKind.Rolling12Months, null, [], Interactive: false));

        Assert.Contains(
            "<td class=\"num\" data-cell=\"change\" data-break=\"2023-03-01\" title=\"Series break on 1 March 2023: New Home Office counting method (test date).\">40 20.0% (b)</td>",
            html, StringComparison.Ordinal);
        Assert.Contains(
            "<line data-break=\"2023-03-01\" x1=\"58\" y1=\"12\" x2=\"58\" y2=\"156\" class=\"break\" stroke=\"#b00\" stroke-dasharray=\"4 3\"><title>Series break on 1 March 2023: New Home Office counting method (test date).</title></line>",
            html, StringComparison.Ordinal);
        Assert.Contains(
            "<section class=\"breaks\"><h2>Series breaks</h2><ul><li>Knife crime: series break on 1 March 2023. New Home Office counting method (test date).</li></ul>",
            html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WithoutBreaks_NoMarkNorFootnote()
    {
        var report = Build(new SeriesBreaks([]));
        using var output = new StringWriter();
        DeliveryReportMarkdown.Write(report, output);

        Assert.DoesNotContain("(b)", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Series breaks", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadEntries_ListsEveryProblem()
    {
        var json = """
            { "breaks": [
              { "measure": "crime.knife_enabled", "date": "2023-04-01", "reason": "Fine." },
              { "measure": "crime.knives", "date": "1 April 2023", "reason": " " }
            ] }
            """;

        var error = Assert.Throws<InvalidDataException>(() => SeriesBreaks.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "breaks.json", Catalogue));

        Assert.Equal(
            string.Join(Environment.NewLine,
                "The series breaks in breaks.json cannot be used:",
                "- break 2: 'crime.knives' is not a measure of the catalogue",
                "- break 2: the date '1 April 2023' is not an ISO date (yyyy-MM-dd)",
                "- break 2: a break says why the series breaks; give a reason"),
            error.Message);
    }

    [Fact]
    public void LoadBuiltIn_ShippedRegister_ReadsAndHoldsNoUnverifiedBreak()
    {
        Assert.Empty(SeriesBreaks.Load(Catalogue, null).All);
    }

    private static DeliveryReport Report() => Build(Register);

    private static DeliveryReport Build(SeriesBreaks register)
    {
        var plan = new DeliveryPlan(WestYorkshire, "Test plan", "", [new PlanTheme("t", "Theme", 1, [new PlanObjective("o", "Objective", 1, [new PlanMeasure("crime.knife_enabled", "Knife crime", 1)])])]);
        // Ten a quarter in each district through 2023, twelve through 2024.
        var rows = Districts.SelectMany(d => new[]
        {
            Q(2022, 4), Q(2023, 1), Q(2023, 2), Q(2023, 3),
        }.Select(q => Value("crime.knife_enabled", d, q, 10)).Concat(new[]
        {
            Q(2023, 4), Q(2024, 1), Q(2024, 2), Q(2024, 3),
        }.Select(q => Value("crime.knife_enabled", d, q, 12)))).ToList();
        return register.Mark(Builder.Build(plan, Q(2024, 3), [ComparisonKind.PreviousYear, ComparisonKind.Rolling12Months], rows));
    }
}
