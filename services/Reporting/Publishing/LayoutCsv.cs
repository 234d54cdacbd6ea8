using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// The summary layout or the monitoring appendix as CSV: one row per measure, county figures, numbers
/// with every digit in the scale their unit column names (rates as percentages), windows labelled as
/// the report labels them. Withheld figures are "*", as in the full CSV.
/// </summary>
public static class LayoutCsv
{
    public static IReadOnlyList<string> SummaryColumns { get; } =
    [
        "theme", "objective", "measure_id", "measure", "unit", "previous_window", "previous_value", "current_window", "current_value",
        "difference", "difference_percent", "trend", "comment",
    ];

    public static IReadOnlyList<string> MonitoringColumns { get; } =
    [
        "theme", "objective", "measure_id", "measure", "unit", "target", "year_to_date_target", "year_to_date_window", "actual_year_to_date", "rag", "rag_window", "comment",
    ];

    public static void Write(DeliveryReport report, ReportLayout layout, ComparisonKind comparison, TextWriter output)
    {
        if (layout == ReportLayout.Monitoring)
        {
            var monitoring = MonitoringLayout.Of(report);
            WriteRow(output, MonitoringColumns);
            foreach (var group in monitoring.Groups)
            {
                foreach (var row in group.Rows)
                {
                    WriteRow(output,
                    [
                        group.Theme, group.Objective, row.MeasureId, row.Measure, FigureDisplay.ScaleOf(row.Unit), FigureDisplay.Full(row.Target), FigureDisplay.Full(row.YearToDateTarget),
                        monitoring.YearToDateLabel, Number(row.ActualYearToDate), row.Rag?.ToString().ToLowerInvariant() ?? "", row.RagWindow, row.Comment,
                    ]);
                }
            }

            return;
        }

        var summary = SummaryLayout.Of(report, comparison);
        WriteRow(output, SummaryColumns);
        foreach (var group in summary.Groups)
        {
            foreach (var row in group.Rows)
            {
                WriteRow(output,
                [
                    group.Theme, group.Objective, row.MeasureId, row.Measure, FigureDisplay.ScaleOf(row.Unit), summary.PreviousLabel, Number(row.Previous),
                    summary.CurrentLabel, Number(row.Current), FigureDisplay.Full(row.Difference), FigureDisplay.Full(row.DifferencePercent), FigureText.Word(row.Arrow), row.Comment,
                ]);
            }
        }
    }

    private static string Number(LayoutFigure figure) => figure.Text == FigureText.Withheld ? FigureText.Withheld : FigureDisplay.Full(figure.Value);

    private static void WriteRow(TextWriter output, IReadOnlyList<string> cells)
    {
        output.Write(string.Join(",", cells.Select(CsvCell.Write)));
        output.Write("\r\n");
    }
}
