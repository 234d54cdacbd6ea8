using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>The summary layout and the monitoring appendix in Markdown, county figures only, as a Panel paper prints them.</summary>
public static class LayoutMarkdown
{
    public static void Write(DeliveryReport report, ReportLayout layout, ComparisonKind comparison, TextWriter output)
    {
        output.WriteLine($"# Delivery Quarterly Report: {Cell(report.Force.Name)}, {WindowLabel.Of(report.Window)}");
        output.WriteLine();
        output.WriteLine(Cell(PrintHeader.Describe(report)));
        if (layout == ReportLayout.Monitoring)
        {
            Monitoring(MonitoringLayout.Of(report), output);
        }
        else
        {
            Summary(SummaryLayout.Of(report, comparison), output);
        }

        output.WriteLine();
        output.WriteLine(FigureText.Legend);
    }

    private static void Summary(SummaryLayout summary, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"## Summary: {summary.CurrentLabel} against {summary.PreviousLabel}");
        Groups(
            summary.Groups.Select(g => (g.Theme, g.Objective, g.Rows)),
            $"| Measure | {summary.PreviousLabel} | {summary.CurrentLabel} | Difference | Difference % | Trend | Comment |",
            "|---|--:|--:|--:|--:|:-:|---|",
            row => $"| {Cell(row.Measure)} | {row.Previous.Text} | {row.Current.Text} | {row.DifferenceText} | {row.DifferencePercentText} | {row.Trend} | {Cell(row.Comment)} |",
            output);
    }

    private static void Monitoring(MonitoringLayout monitoring, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"## Monitoring appendix: {monitoring.YearToDateLabel}");
        Groups(
            monitoring.Groups.Select(g => (g.Theme, g.Objective, g.Rows)),
            "| Measure | Target | Year-to-date target | Actual year to date | RAG | Comment |",
            "|---|--:|--:|--:|:-:|---|",
            row => $"| {Cell(row.Measure)} | {row.TargetText} | {row.YearToDateTargetText} | {row.ActualYearToDate.Text} | {Rag(row)} | {Cell(row.Comment)} |",
            output);
    }

    // Both layouts print a theme heading when the theme changes, then one table per objective.
    private static void Groups<TRow>(
        IEnumerable<(string Theme, string Objective, IReadOnlyList<TRow> Rows)> groups,
        string header,
        string alignment,
        Func<TRow, string> line,
        TextWriter output)
    {
        string? theme = null;
        foreach (var group in groups)
        {
            if (group.Theme != theme)
            {
                theme = group.Theme;
                output.WriteLine();
                output.WriteLine($"### {Cell(theme)}");
            }

            output.WriteLine();
            output.WriteLine($"**{Cell(group.Objective)}**");
            output.WriteLine();
            output.WriteLine(header);
            output.WriteLine(alignment);
            foreach (var row in group.Rows)
            {
                output.WriteLine(line(row));
            }
        }
    }

    // A status judged on another window than the year to date says which.
    internal static string Rag(MonitoringRow row) => row.Rag is { } rag ? row.RagWindow.Length > 0 ? $"{rag} ({row.RagWindow})" : rag.ToString() : "";

    private static string Cell(string text) => DeliveryReportMarkdown.Cell(text);
}
