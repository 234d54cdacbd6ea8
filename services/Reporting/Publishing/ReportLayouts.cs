using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>Which table a published output shows.</summary>
public enum ReportLayout
{
    /// <summary>The dashboard's own table: every area, every figure's provenance, the charts.</summary>
    Full,

    /// <summary>The summary per priority and objective, as a Delivery Quarterly Report prints it.</summary>
    Summary,

    /// <summary>The monitoring appendix: each measure against its target, year to date.</summary>
    Monitoring,
}

/// <summary>
/// A figure as the layouts show it: the number in the scale people read (a rate as a percentage, so
/// 84.1 not 0.841), and the text the report prints for it ("84.1%", "*" when withheld, "n/a").
/// </summary>
public sealed record LayoutFigure(decimal? Value, string Text)
{
    public static LayoutFigure Of(string unit, ReportCell cell) =>
        new(cell.Withheld ? null : FigureDisplay.ScaleOf(unit) == unit ? cell.Value : cell.Value * 100m, FigureText.Value(unit, cell));
}

/// <summary>
/// One row of the summary layout: the measure, the previous and current windows, the difference (a
/// count and a percentage, or percentage points for a rate), the trend and the comment.
/// </summary>
/// <param name="Difference">In the figure's scale: a count, days, or percentage points for a rate or percentage.</param>
/// <param name="DifferencePercent">The percentage change, for counts, days and rates per 1,000; null for rates and percentages.</param>
public sealed record SummaryRow(
    string MeasureId,
    string Measure,
    string Unit,
    LayoutFigure Previous,
    LayoutFigure Current,
    decimal? Difference,
    string DifferenceText,
    decimal? DifferencePercent,
    string DifferencePercentText,
    string Trend,
    Trend Arrow,
    string Comment);

public sealed record SummaryGroup(string Theme, string Objective, IReadOnlyList<SummaryRow> Rows);

/// <summary>The summary layout of one comparison, with its windows labelled as the report labels them.</summary>
public sealed record SummaryLayout(ComparisonKind Kind, string PreviousLabel, string CurrentLabel, IReadOnlyList<SummaryGroup> Groups)
{
    public static SummaryLayout Of(DeliveryReport report, ComparisonKind kind)
    {
        var windows = ComparisonWindows.For(kind, report.Window);
        var groups = new List<SummaryGroup>();
        foreach (var theme in report.Themes)
        {
            foreach (var objective in theme.Objectives)
            {
                var rows = objective.Measures.Select(m => Row(m, m.County.For(kind))).OfType<SummaryRow>().ToList();
                groups.Add(new SummaryGroup(theme.Name, objective.Name, rows));
            }
        }

        return new SummaryLayout(kind, WindowLabel.Of(windows.Previous, kind), WindowLabel.Of(windows.Current, kind), groups);
    }

    private static SummaryRow? Row(MeasureReport measure, AreaComparison? c)
    {
        if (c is null)
        {
            return null;
        }

        var points = c.Change?.PercentagePoints;
        var difference = points ?? (c.Change?.Absolute is { } absolute && FigureDisplay.ScaleOf(measure.Unit) != measure.Unit ? absolute * 100m : c.Change?.Absolute);
        var differenceText = c.Change is null ? "" : points is { } pp ? FigureDisplay.OneDecimal(pp) + "pp" : FigureDisplay.Difference(measure.Unit, c.Change.Absolute!.Value);
        var percent = c.Change?.Percent;
        var shown = FigureText.ShowsTrend(c);
        return new SummaryRow(
            measure.Id,
            measure.Plan.Label,
            measure.Unit,
            LayoutFigure.Of(measure.Unit, c.Previous),
            LayoutFigure.Of(measure.Unit, c.Current),
            difference,
            differenceText,
            percent,
            percent is { } p ? FigureDisplay.PercentText(p) : "",
            FigureText.Arrow(measure.Trend, c),
            shown ? measure.Trend.Arrow : Trend.None,
            measure.Comment);
    }
}

/// <summary>
/// One row of the monitoring appendix: the measure, its target, the year-to-date target, the actual
/// year to date, the RAG status and the comment.
/// </summary>
/// <param name="YearToDateTarget">
/// The target phased to the year to date. Today's plan targets are one number for a window, so this is
/// empty; a plan with phased year-to-date targets fills it (<see cref="MonitoringLayout.YearToDateTarget"/>).
/// </param>
/// <param name="RagWindow">
/// The window the status was judged on when it is not the year to date (a target set for 12 months is
/// judged on 12 months); empty when it is.
/// </param>
public sealed record MonitoringRow(
    string MeasureId,
    string Measure,
    string Unit,
    decimal? Target,
    string TargetText,
    decimal? YearToDateTarget,
    string YearToDateTargetText,
    LayoutFigure ActualYearToDate,
    Rag? Rag,
    string RagWindow,
    string Comment);

public sealed record MonitoringGroup(string Theme, string Objective, IReadOnlyList<MonitoringRow> Rows);

/// <summary>The monitoring appendix: needs the report's year-to-date comparison for its actual figures.</summary>
public sealed record MonitoringLayout(string YearToDateLabel, IReadOnlyList<MonitoringGroup> Groups)
{
    public static MonitoringLayout Of(DeliveryReport report)
    {
        var windows = ComparisonWindows.For(ComparisonKind.YearToDate, report.Window);
        var groups = report.Themes.SelectMany(t => t.Objectives.Select(o => new MonitoringGroup(t.Name, o.Name, o.Measures.Select(m => Row(m, windows.Current)).ToList()))).ToList();
        return new MonitoringLayout(WindowLabel.Of(windows.Current, ComparisonKind.YearToDate), groups);
    }

    /// <summary>
    /// The seam for phased targets: the year-to-date target of a measure, in the target's unit. A
    /// <see cref="Plans.PlanTarget"/> today is one figure for a window, with no phasing, so there is none.
    /// </summary>
    public static decimal? YearToDateTarget(MeasureReport measure) => null;

    private static MonitoringRow Row(MeasureReport measure, Period yearToDate)
    {
        var actual = measure.County.For(ComparisonKind.YearToDate)?.Current
            ?? ReportCell.Empty(yearToDate, "the report was built without its year-to-date comparison");
        // The status of the year to date when the target applies to it; otherwise the report's headline status, with its window.
        var judged = measure.County.For(ComparisonKind.YearToDate) is { Status: not null } ytd ? ytd : measure.County.Comparisons.FirstOrDefault(c => c.Status is not null);
        var phased = YearToDateTarget(measure);
        return new MonitoringRow(
            measure.Id,
            measure.Plan.Label,
            measure.Unit,
            measure.Target?.Value,
            measure.Target is { } target ? FigureText.Target(measure.Unit, target.Value) : "",
            phased,
            phased is { } p ? FigureText.Target(measure.Unit, p) : "",
            LayoutFigure.Of(measure.Unit, actual),
            judged?.Status?.Status,
            judged is null || judged.Kind == ComparisonKind.YearToDate ? "" : WindowLabel.Of(judged.Current.Window, judged.Kind),
            measure.Comment);
    }
}
