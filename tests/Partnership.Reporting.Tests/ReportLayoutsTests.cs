using ClosedXML.Excel;
using Partnership.Reporting.Delivery;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Publishing;
using static Partnership.Reporting.Tests.ReportData;
using static Partnership.Testing.Areas;

namespace Partnership.Reporting.Tests;

/// <summary>
/// The summary layout and the monitoring appendix over a report whose figures are known: total recorded
/// crime 500 a quarter in 2023/24 and 450 in 2024/25 (each district 100, then 90), against a target of
/// 1,400 for the year to date; the violence solved rate 20% then 25%, against a target of 30%.
/// </summary>
public sealed class ReportLayoutsTests
{
    private const string Crime = "crime.total_recorded";
    private const string Solved = "crime.violence_with_injury_solved";

    private static readonly DeliveryPlan Plan = new(WestYorkshire, "Test plan", "",
    [
        new PlanTheme("safer", "Safer communities", 1,
        [
            new PlanObjective("less-crime", "Reduce crime", 1, [new PlanMeasure(Crime, "Total recorded crime", 1, new PlanTarget(1_400m))]),
            new PlanObjective("solve", "Solve more crime", 2, [new PlanMeasure(Solved, "Violence with injury solved", 1, new PlanTarget(30m))]),
        ]),
    ]);

    private static DeliveryReport Report(string leedsNote = "=SUM(A1) fell")
    {
        var rows = new List<ObservedRow>();
        foreach (var year in (int[])[2023, 2024])
        {
            for (var quarter = 1; quarter <= 3; quarter++)
            {
                foreach (var district in Districts)
                {
                    var note = year == 2024 && quarter == 3 && district == Leeds ? leedsNote : "";
                    rows.Add(Value(Crime, district, Q(year, quarter), year == 2023 ? 100 : 90, note: note));
                    rows.Add(Fraction(Solved, district, Q(year, quarter), year == 2023 ? 20 : 25, 100));
                }
            }
        }

        return Builder.Build(Plan, Q(2024, 3), [ComparisonKind.PreviousYear, ComparisonKind.YearToDate], rows, includeSeries: false);
    }

    private static string Markdown(DeliveryReport report, ReportLayout layout, ComparisonKind comparison = ComparisonKind.PreviousYear)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        LayoutMarkdown.Write(report, layout, comparison, writer);
        return writer.ToString();
    }

    private static string[] Csv(DeliveryReport report, ReportLayout layout, ComparisonKind comparison = ComparisonKind.PreviousYear)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        LayoutCsv.Write(report, layout, comparison, writer);
        return writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void SummaryMarkdown_KnownFigures_HasTheWindowsLabelledAndTheDifferences()
    {
        var markdown = Markdown(Report(), ReportLayout.Summary);

        Assert.Contains("# Delivery Quarterly Report: West Yorkshire, Quarter to Dec 2024", markdown, StringComparison.Ordinal);
        Assert.Contains("## Summary: Quarter to Dec 2024 against Quarter to Dec 2023", markdown, StringComparison.Ordinal);
        Assert.Contains("### Safer communities", markdown, StringComparison.Ordinal);
        Assert.Contains("| Measure | Quarter to Dec 2023 | Quarter to Dec 2024 | Difference | Difference % | Trend | Comment |", markdown, StringComparison.Ordinal);
        // The arrows are the report's own, suggested from the series: neither change is beyond noise (TrendRule).
        Assert.Contains("| Total recorded crime | 500 | 450 | -50 | -10.0% | ↔ (s) | Leeds: =SUM(A1) fell |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Violence with injury solved | 20.0% | 25.0% | 5.0pp |  | ↔ (s) |  |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryCsv_YearToDate_LabelsTheWindowsAsTheReportDoes()
    {
        var lines = Csv(Report(), ReportLayout.Summary, ComparisonKind.YearToDate);

        Assert.Equal(string.Join(",", LayoutCsv.SummaryColumns), lines[0]);
        Assert.Equal("Safer communities,Reduce crime,crime.total_recorded,Total recorded crime,count,Year to date to Dec 2023,1500,Year to date to Dec 2024,1350,-150,-10,steady,Leeds: =SUM(A1) fell", lines[1]);
        Assert.Equal("Safer communities,Solve more crime,crime.violence_with_injury_solved,Violence with injury solved,percent,Year to date to Dec 2023,20,Year to date to Dec 2024,25,5,,steady,", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void MonitoringMarkdownAndCsv_KnownFigures_JudgeTheYearToDateAgainstTheTarget()
    {
        var report = Report();

        var markdown = Markdown(report, ReportLayout.Monitoring);
        var lines = Csv(report, ReportLayout.Monitoring);

        Assert.Contains("## Monitoring appendix: Year to date to Dec 2024", markdown, StringComparison.Ordinal);
        Assert.Contains("| Measure | Target | Year-to-date target | Actual year to date | RAG | Comment |", markdown, StringComparison.Ordinal);
        // 1,350 is at or under the target of 1,400: Green. 25% is 5 points under 30%, more than 5% of it: Red.
        Assert.Contains("| Total recorded crime | 1,400 |  | 1,350 | Green | Leeds: =SUM(A1) fell |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Violence with injury solved | 30.0% |  | 25.0% | Red |  |", markdown, StringComparison.Ordinal);
        Assert.Equal(string.Join(",", LayoutCsv.MonitoringColumns), lines[0]);
        Assert.Equal("Safer communities,Reduce crime,crime.total_recorded,Total recorded crime,count,1400,,Year to date to Dec 2024,1350,green,,Leeds: =SUM(A1) fell", lines[1]);
        Assert.Equal("Safer communities,Solve more crime,crime.violence_with_injury_solved,Violence with injury solved,percent,30,,Year to date to Dec 2024,25,red,,", lines[2]);
    }

    [Fact]
    public void Monitoring_TargetForTwelveMonths_IsJudgedOnItsOwnWindowAndSaysWhich()
    {
        var plan = Plan with
        {
            Themes = [new PlanTheme("safer", "Safer communities", 1, [new PlanObjective("less-crime", "Reduce crime", 1, [new PlanMeasure(Crime, "Total recorded crime", 1, new PlanTarget(1_400m, WindowMonths: 3))])])],
        };
        var rows = Districts.SelectMany(d => new[] { Value(Crime, d, Q(2024, 1), 90), Value(Crime, d, Q(2024, 2), 90), Value(Crime, d, Q(2024, 3), 90) }).ToList();
        var report = Builder.Build(plan, Q(2024, 3), [ComparisonKind.PreviousYear, ComparisonKind.YearToDate], rows, includeSeries: false);

        var row = MonitoringLayout.Of(report).Groups.Single().Rows.Single();

        // A target for a quarter is not judged on nine months: the quarter's 450 is Green, and the row says it was the quarter.
        Assert.Equal(Rag.Green, row.Rag);
        Assert.Equal("Quarter to Dec 2024", row.RagWindow);
        Assert.Equal(1_350m, row.ActualYearToDate.Value);
    }

    [Fact]
    public void Workbook_KnownFigures_HasASheetPerLayoutWithNumbersFormatsAndAFrozenHeader()
    {
        using var stream = new MemoryStream(ReportWorkbook.Build(Report(), ComparisonKind.PreviousYear));
        using var workbook = new XLWorkbook(stream);

        Assert.Equal(["Summary", "Monitoring"], workbook.Worksheets.Select(s => s.Name));
        var summary = workbook.Worksheet("Summary");
        Assert.Equal(1, summary.SheetView.SplitRow);
        Assert.Equal(["Theme", "Objective", "Measure", "Quarter to Dec 2023", "Quarter to Dec 2024", "Difference", "Difference %", "Trend", "Comment"],
            summary.Row(1).Cells(1, 9).Select(c => c.GetString()));
        Assert.Equal(500d, summary.Cell("D2").GetDouble());
        Assert.Equal(450d, summary.Cell("E2").GetDouble());
        Assert.Equal("#,##0", summary.Cell("E2").Style.NumberFormat.Format);
        Assert.Equal(-50d, summary.Cell("F2").GetDouble());
        Assert.Equal(-0.1d, summary.Cell("G2").GetDouble(), 10);
        Assert.Equal("0.0%", summary.Cell("G2").Style.NumberFormat.Format);
        // A partner's comment that looks like a formula stays text.
        Assert.Equal(XLDataType.Text, summary.Cell("I2").DataType);
        Assert.False(summary.Cell("I2").HasFormula);
        Assert.Equal("Leeds: =SUM(A1) fell", summary.Cell("I2").GetString());
        // A rate is an Excel percentage, its difference in percentage points.
        Assert.Equal(0.25d, summary.Cell("E3").GetDouble(), 10);
        Assert.Equal("0.0%", summary.Cell("E3").Style.NumberFormat.Format);
        Assert.Equal(5d, summary.Cell("F3").GetDouble(), 10);
        Assert.Equal("0.0\"pp\"", summary.Cell("F3").Style.NumberFormat.Format);
        Assert.True(summary.Cell("G3").IsEmpty());

        var monitoring = workbook.Worksheet("Monitoring");
        Assert.Equal(1, monitoring.SheetView.SplitRow);
        Assert.Equal(["Theme", "Objective", "Measure", "Target", "Year-to-date target", "Actual: Year to date to Dec 2024", "RAG", "RAG judged on", "Comment"],
            monitoring.Row(1).Cells(1, 9).Select(c => c.GetString()));
        Assert.Equal(1_400d, monitoring.Cell("D2").GetDouble());
        Assert.True(monitoring.Cell("E2").IsEmpty());
        Assert.Equal(1_350d, monitoring.Cell("F2").GetDouble());
        Assert.Equal("#,##0", monitoring.Cell("F2").Style.NumberFormat.Format);
        Assert.Equal("Green", monitoring.Cell("G2").GetString());
        Assert.Equal(0.3d, monitoring.Cell("D3").GetDouble(), 10);
        Assert.Equal(0.25d, monitoring.Cell("F3").GetDouble(), 10);
        Assert.Equal("0.0%", monitoring.Cell("F3").Style.NumberFormat.Format);
        Assert.Equal("Red", monitoring.Cell("G3").GetString());
    }

    [Fact]
    public void PrintPage_Report_CarriesForcePeriodAndEditionOnEveryPageAndBreaksBetweenSections()
    {
        var report = Report() with { Audience = ReportAudience.Public };
        report = report with { Edition = new PublishedEdition(7, "Q3 \"final\"", new DateTimeOffset(2025, 1, 15, 9, 30, 0, TimeSpan.Zero)) };

        var html = PrintPage.Render(report, ComparisonKind.PreviousYear);

        // The edition's title is the editor's: its quotes are escaped in the CSS string.
        Assert.Contains("@page{@top-left{content:\"West Yorkshire · Quarter to Dec 2024 · Edition 7 \\22 Q3 \\22 final\\22 \\22 \"}@bottom-left{content:\"Published on 15 January 2025\"}}", html, StringComparison.Ordinal);
        Assert.Contains("section.theme{break-before:page}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Summary: Quarter to Dec 2024 against Quarter to Dec 2023</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Monitoring appendix: Year to date to Dec 2024</h2>", html, StringComparison.Ordinal);
    }
}
