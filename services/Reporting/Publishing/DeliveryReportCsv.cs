using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// The report as CSV for spreadsheets: one row per measure and area (the county first, then each
/// district) for each comparison, with every digit the aggregator holds and where each figure came from.
/// Each row's figures are in the scale its <c>unit</c> column names, one scale per unit: rates held as
/// fractions are written as percentages (unit <c>percent</c>), so a column never mixes 84.1 and 0.0996;
/// numerators and denominators stay counts (for a rate per 1,000, the count and the population, whose
/// mid-year and vintage have columns of their own). Enumerations are words ("county only", "steady").
/// A comparison whose windows lie either side of a series break names it in <c>series_break</c>.
/// </summary>
public static class DeliveryReportCsv
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "theme", "objective", "measure_id", "measure", "unit", "rule", "area_code", "area_name", "area_type", "comparison",
        "current_period", "current_value", "current_numerator", "current_denominator", "current_as_of", "current_method", "current_provisional", "current_flags",
        "previous_period", "previous_value", "previous_numerator", "previous_denominator", "previous_as_of", "previous_method", "previous_provisional", "previous_flags",
        "change", "change_percent", "change_percentage_points", "trend", "trend_suggested", "target", "status",
        "districts_included", "districts_missing", "district_sum", "submitted_county_value", "sources", "comment", "explanation",
        "current_population", "current_population_year", "current_population_vintage",
        "previous_population", "previous_population_year", "previous_population_vintage",
        "forces_measure_id", "forces_window", "forces_rate", "msg_average", "msg_average_of", "msg_missing", "msg_verified", "england_and_wales_rate", "msg_rank", "forces_rank", "forces_publication", "forces_published_on",
        "series_break",
    ];

    public static void Write(DeliveryReport report, TextWriter output, string? district = null)
    {
        WriteRow(output, Columns);
        foreach (var (theme, objective, measure) in report.Rows())
        {
            foreach (var area in ReportAreas.Shown(measure, district))
            {
                foreach (var c in area.Comparisons)
                {
                    var trend = area.IsCounty && FigureText.ShowsTrend(c);
                    WriteRow(output,
                    [
                        theme.Name, objective.Name, measure.Id, measure.Plan.Label, FigureDisplay.ScaleOf(measure.Unit),
                        measure.Measure is { } definition ? FigureText.Word(definition.Rule) : "",
                        area.Area.Code, area.Area.Name, area.IsCounty ? "county" : "district", FigureText.ComparisonSlug(c.Kind),
                        .. Cell(measure.Unit, c.Current), .. Cell(measure.Unit, c.Previous),
                        FigureDisplay.Scaled(measure.Unit, c.Change?.Absolute), FigureDisplay.Full(c.Change?.Percent), FigureDisplay.Full(c.Change?.PercentagePoints),
                        trend ? FigureText.Word(measure.Trend.Arrow) : "", trend && measure.Trend.Suggested ? "true" : "false",
                        area.IsCounty ? FigureDisplay.Full(measure.TargetFigure) : "", FigureText.Word(c.Status),
                        string.Join(";", c.Current.Included), string.Join(";", c.Current.Missing),
                        FigureDisplay.Scaled(measure.Unit, c.Current.DistrictSum), FigureDisplay.Scaled(measure.Unit, c.Current.SubmittedCountyValue),
                        string.Join(";", c.Current.Sources.Select(s => $"{s.AreaCode}:{s.Period.Label}:{s.ReturnId}:r{s.Revision}:{StatusMarks.Word(s.Status)}{(s.Used ? "" : ":not used (conflict)")}")),
                        area.IsCounty ? measure.Comment : "", c.Current.Explanation,
                        .. Population(c.Current.Population), .. Population(c.Previous.Population),
                        .. AgainstOtherForces(area.IsCounty ? measure.Forces : null),
                        c.Break is { } b ? $"{FigureText.Iso(b.Date)}: {b.Reason}" : "",
                    ]);
                }
            }
        }
    }

    private static string[] Cell(string unit, ReportCell cell) =>
    [
        cell.Window.Label,
        cell.Withheld ? FigureText.Withheld : FigureDisplay.Scaled(unit, cell.Value),
        FigureDisplay.Full(cell.Numerator),
        FigureDisplay.Full(cell.Denominator),
        FigureText.Iso(cell.AsOf),
        FigureText.Word(cell.Method),
        cell.Provisional ? "true" : "false",
        cell.HasValue ? StatusMarks.Words(FigureText.Statuses(cell)) : "",
    ];

    private static string[] Population(PopulationEstimate? population) => population is null
        ? ["", "", ""]
        : [population.Population.ToString(System.Globalization.CultureInfo.InvariantCulture), population.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), population.Vintage];
    // On the county's rows, with the national table's own window beside it (it may differ from the row's); empty on district rows.
    private static string[] AgainstOtherForces(Comparisons.ForceComparison? c) => c is null ? [.. Enumerable.Repeat("", 12)] :
    [
        c.MeasureId, c.Window.Label, FigureDisplay.Full(c.Force.Value), FigureDisplay.Full(c.GroupAverage), c.HasGroup ? c.GroupAverageOf.ToString(System.Globalization.CultureInfo.InvariantCulture) : "",
        string.Join(";", c.MissingPeers.Select(p => p.Code)), c.HasGroup ? (c.GroupVerified ? "true" : "false") : "", FigureDisplay.Full(c.EnglandAndWales),
        c.GroupRank?.Words ?? "", c.NationalRank?.Words ?? "", c.Publication, FigureText.Iso(c.PublishedOn),
    ];

    private static void WriteRow(TextWriter output, IReadOnlyList<string> cells)
    {
        output.Write(string.Join(",", cells.Select(Quote)));
        output.Write("\r\n");
    }

    // RFC 4180 quoting, and no cell a spreadsheet would run as a formula (a partner's comment is free text).
    private static string Quote(string field) => CsvCell.Write(field);
}
