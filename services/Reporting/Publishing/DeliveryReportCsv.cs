using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// The report as CSV for spreadsheets: one row per measure and area (the county first, then each
/// district) for each comparison, with every digit the aggregator holds and where each figure came from.
/// </summary>
public static class DeliveryReportCsv
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "theme", "objective", "measure_id", "measure", "unit", "rule", "area_code", "area_name", "area_type", "comparison",
        "current_period", "current_value", "current_numerator", "current_denominator", "current_as_of", "current_method", "current_provisional",
        "previous_period", "previous_value", "previous_numerator", "previous_denominator", "previous_as_of", "previous_method", "previous_provisional",
        "change", "change_percent", "change_percentage_points", "trend", "trend_suggested", "target", "status",
        "districts_included", "districts_missing", "district_sum", "submitted_county_value", "sources", "comment", "explanation",
    ];

    public static void Write(DeliveryReport report, TextWriter output)
    {
        WriteRow(output, Columns);
        foreach (var (theme, objective, measure) in report.Rows())
        {
            foreach (var area in measure.Districts.Prepend(measure.County))
            {
                foreach (var c in area.Comparisons)
                {
                    WriteRow(output,
                    [
                        theme.Name, objective.Name, measure.Id, measure.Plan.Label, measure.Unit, measure.Measure?.Rule.ToString() ?? "",
                        area.Area.Code, area.Area.Name, area.IsCounty ? "county" : "district", FigureText.ComparisonSlug(c.Kind),
                        .. Cell(c.Current), .. Cell(c.Previous),
                        FigureText.Full(c.Change?.Absolute), FigureText.Full(c.Change?.Percent), FigureText.Full(c.Change?.PercentagePoints),
                        area.IsCounty ? measure.Trend.Arrow.ToString() : "", area.IsCounty && measure.Trend.Suggested ? "true" : "false",
                        area.IsCounty ? FigureText.Full(measure.Target?.Value) : "", c.Status?.Status.ToString() ?? "",
                        string.Join(";", c.Current.Included), string.Join(";", c.Current.Missing),
                        FigureText.Full(c.Current.DistrictSum), FigureText.Full(c.Current.SubmittedCountyValue),
                        string.Join(";", c.Current.Sources.Select(s => $"{s.AreaCode}:{s.Period.Label}:{s.ReturnId}:r{s.Revision}:{s.Status}{(s.Used ? "" : ":not used (conflict)")}")),
                        area.IsCounty ? measure.Comment : "", c.Current.Explanation,
                    ]);
                }
            }
        }
    }

    private static string[] Cell(ReportCell cell) =>
    [
        cell.Window.Label,
        cell.Withheld ? FigureText.Withheld : FigureText.Full(cell.Value),
        FigureText.Full(cell.Numerator),
        FigureText.Full(cell.Denominator),
        FigureText.Iso(cell.AsOf),
        cell.Method.ToString(),
        cell.Provisional ? "true" : "false",
    ];

    private static void WriteRow(TextWriter output, IReadOnlyList<string> cells)
    {
        output.Write(string.Join(",", cells.Select(Quote)));
        output.Write("\r\n");
    }

    // RFC 4180 quoting, and no cell a spreadsheet would run as a formula (a partner's comment is free text).
    private static string Quote(string field) => CsvCell.Write(field);
}
