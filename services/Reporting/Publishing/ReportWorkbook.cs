using ClosedXML.Excel;
using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// The report as an Excel workbook: one sheet per layout (the summary, the monitoring appendix), figures
/// as numbers with the number format of their unit (counts "#,##0", rates and percentages as Excel
/// percentages, days and weeks to 1 dp with the unit), the header row frozen. Withheld figures are "*"
/// and missing ones "n/a", as text, as in the printed report.
/// </summary>
public static class ReportWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string SummarySheet = "Summary";
    public const string MonitoringSheet = "Monitoring";

    public const string CountFormat = "#,##0";
    public const string PercentFormat = "0.0%";
    public const string PointsFormat = "0.0\"pp\"";
    public const string DaysFormat = "0.0\" days\"";
    public const string WeeksFormat = "0.0\" weeks\"";
    public const string PerThousandFormat = "0.0\" per 1,000\"";

    public static byte[] Build(DeliveryReport report, ComparisonKind comparison)
    {
        using var workbook = new XLWorkbook();
        workbook.Properties.Title = $"Delivery Quarterly Report: {report.Force.Name}, {WindowLabel.Of(report.Window)}";
        workbook.Properties.Subject = PrintHeader.Describe(report);
        Summary(workbook.Worksheets.Add(SummarySheet), SummaryLayout.Of(report, comparison));
        Monitoring(workbook.Worksheets.Add(MonitoringSheet), MonitoringLayout.Of(report));
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Summary(IXLWorksheet sheet, SummaryLayout summary)
    {
        Header(sheet, ["Theme", "Objective", "Measure", summary.PreviousLabel, summary.CurrentLabel, "Difference", "Difference %", "Trend", "Comment"], [24, 28, 36, 16, 16, 12, 12, 8, 48]);
        var r = 2;
        foreach (var group in summary.Groups)
        {
            foreach (var row in group.Rows)
            {
                Text(sheet.Cell(r, 1), group.Theme);
                Text(sheet.Cell(r, 2), group.Objective);
                Text(sheet.Cell(r, 3), row.Measure);
                Figure(sheet.Cell(r, 4), row.Unit, row.Previous);
                Figure(sheet.Cell(r, 5), row.Unit, row.Current);
                if (row.Difference is { } difference)
                {
                    Number(sheet.Cell(r, 6), difference, DifferenceFormat(row.Unit));
                }

                if (row.DifferencePercent is { } percent)
                {
                    Number(sheet.Cell(r, 7), percent / 100m, PercentFormat);
                }

                Text(sheet.Cell(r, 8), row.Trend);
                Text(sheet.Cell(r, 9), row.Comment);
                r++;
            }
        }
    }

    private static void Monitoring(IXLWorksheet sheet, MonitoringLayout monitoring)
    {
        Header(sheet, ["Theme", "Objective", "Measure", "Target", "Year-to-date target", $"Actual: {monitoring.YearToDateLabel}", "RAG", "RAG judged on", "Comment"], [24, 28, 36, 12, 14, 18, 8, 18, 48]);
        var r = 2;
        foreach (var group in monitoring.Groups)
        {
            foreach (var row in group.Rows)
            {
                Text(sheet.Cell(r, 1), group.Theme);
                Text(sheet.Cell(r, 2), group.Objective);
                Text(sheet.Cell(r, 3), row.Measure);
                if (row.Target is { } target)
                {
                    Target(sheet.Cell(r, 4), row.Unit, target);
                }

                if (row.YearToDateTarget is { } phased)
                {
                    Target(sheet.Cell(r, 5), row.Unit, phased);
                }

                Figure(sheet.Cell(r, 6), row.Unit, row.ActualYearToDate);
                Text(sheet.Cell(r, 7), row.Rag?.ToString() ?? "");
                Text(sheet.Cell(r, 8), row.RagWindow);
                Text(sheet.Cell(r, 9), row.Comment);
                r++;
            }
        }
    }

    private static void Header(IXLWorksheet sheet, string[] names, int[] widths)
    {
        for (var c = 0; c < names.Length; c++)
        {
            Text(sheet.Cell(1, c + 1), names[c]);
            sheet.Column(c + 1).Width = widths[c];
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
    }

    // A figure in the scale people read (84.1 for a rate) becomes an Excel percentage (0.841 shown as 84.1%).
    private static void Figure(IXLCell cell, string unit, LayoutFigure figure)
    {
        if (figure.Value is not { } value)
        {
            Text(cell, figure.Text);
            return;
        }

        var percent = FigureDisplay.ScaleOf(unit) == FigureDisplay.Percent;
        Number(cell, percent ? value / 100m : value, ValueFormat(unit));
    }

    // A target is written in the figure's scale too (74.9 for 74.9%).
    private static void Target(IXLCell cell, string unit, decimal target)
    {
        var percent = FigureDisplay.ScaleOf(unit) == FigureDisplay.Percent;
        Number(cell, percent ? target / 100m : target, ValueFormat(unit));
    }

    private static string ValueFormat(string unit) => FigureDisplay.ScaleOf(unit) switch
    {
        FigureDisplay.Percent => PercentFormat,
        FigureDisplay.Days => DaysFormat,
        FigureDisplay.Weeks => WeeksFormat,
        FigureDisplay.PerThousand => PerThousandFormat,
        _ => CountFormat,
    };

    private static string DifferenceFormat(string unit) => FigureDisplay.ScaleOf(unit) == FigureDisplay.Percent ? PointsFormat : ValueFormat(unit);

    private static void Number(IXLCell cell, decimal value, string format)
    {
        cell.SetValue(value);
        cell.Style.NumberFormat.Format = format;
    }

    // Text stays text: a partner's comment that starts with "=" or looks like a number is not evaluated or converted.
    private static void Text(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }
}
