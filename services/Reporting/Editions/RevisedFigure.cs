using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Editions;

/// <summary>One figure whose value differs between two reports of the same force and period: a published version and the live figures, or two versions.</summary>
public sealed record RevisedFigure(string MeasureId, string MeasureName, string Unit, AreaDefinition Area, Period Window, ReportCell Published, ReportCell Revised)
{
    /// <summary>"Total recorded crime, West Yorkshire, FY2024/25-Q3: 500 → 1,300".</summary>
    public string Describe() => $"{MeasureName}, {Area.Name}, {Window.Label}: {Text(Published)} → {Text(Revised)}";

    /// <summary>A figure as the report writes it, without status marks: a withheld one stays withheld.</summary>
    public string Text(ReportCell cell) =>
        cell.Withheld ? "*" : cell.Value is { } value ? FigureDisplay.Value(Unit, value) : "n/a";

    /// <summary>
    /// The figures of <paramref name="before"/> whose value <paramref name="after"/> differs in, in the
    /// report's order, each window of each area once. Both reports must have had the same disclosure
    /// control applied: two withheld figures are the same figure to their reader, whatever lies behind.
    /// </summary>
    public static IReadOnlyList<RevisedFigure> Between(DeliveryReport before, DeliveryReport after)
    {
        var later = Cells(after).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.First().Cell);
        var revised = new List<RevisedFigure>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, measure, area, cell) in Cells(before))
        {
            if (!seen.Add(key) || !later.TryGetValue(key, out var now) || Same(cell, now))
            {
                continue;
            }

            revised.Add(new RevisedFigure(measure.Id, measure.Plan.Label, measure.Unit, area, cell.Window, cell, now));
        }

        return revised;
    }

    private static bool Same(ReportCell a, ReportCell b) => a.Withheld == b.Withheld && (a.Withheld || a.Value == b.Value);

    private static IEnumerable<(string Key, MeasureReport Measure, AreaDefinition Area, ReportCell Cell)> Cells(DeliveryReport report) =>
        from row in report.Rows()
        from area in new[] { row.Measure.County }.Concat(row.Measure.Districts)
        from comparison in area.Comparisons
        from cell in new[] { comparison.Current, comparison.Previous }
        select ($"{row.Measure.Id}|{area.Area.Code}|{cell.Window.Key}", row.Measure, area.Area, cell);
}
