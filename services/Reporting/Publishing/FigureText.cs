using System.Globalization;
using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// How the published report writes figures: each unit through <see cref="FigureDisplay"/> (the one
/// formatter every output shares), arrows, and the marks for non-final statuses (p, e, u, r),
/// suggested arrows (s) and withheld figures (*).
/// </summary>
public static class FigureText
{
    public const string Withheld = "*";
    public const string NoFigure = "n/a";

    public const string Legend =
        StatusMarks.Legend + " (s) arrow suggested by the aggregator from the series; other arrows are as submitted. * withheld from the public report (disclosure control). pp: percentage points.";

    /// <summary>Said under a report whose comparisons span a series break, with a footnote per break.</summary>
    public const string BreakLegend = "(b) the two windows compared lie either side of a series break: the difference and trend are not like for like.";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A difference or an arrow marked "(b)" when the comparison's windows lie either side of a series break; nothing stays nothing.</summary>
    public static string Qualified(string text, AreaComparison comparison) =>
        comparison.Break is null || text.Length == 0 ? text : $"{text} (b)";

    /// <summary>The footnotes of a report's series breaks: "Crime involving a sharp instrument: series break on 1 April 2023. New method."</summary>
    public static IReadOnlyList<string> BreakNotes(DeliveryReport report) =>
        [.. report.Rows().SelectMany(r => r.Measure.Breaks.Select(b => $"{r.Measure.Plan.Label}: series break on {b.DateText}. {b.Reason}")).Distinct(StringComparer.Ordinal)];

    public static string Value(string unit, ReportCell cell)
    {
        if (cell.Withheld)
        {
            return Withheld;
        }

        return cell.Value is { } value ? FigureDisplay.Value(unit, value) + StatusMarks.Suffix(Statuses(cell)) : NoFigure;
    }

    /// <summary>
    /// The statuses a figure is flagged with: those of the returns behind it, and provisional when a
    /// district is missing too (the builder marks the cell provisional then).
    /// </summary>
    public static IEnumerable<ObservationStatus> Statuses(ReportCell cell) =>
        cell.Sources.Select(s => s.Status).Concat(cell.Provisional ? [ObservationStatus.Provisional] : []);

    /// <summary>Counts: "-1,234 -5.6%" (no plus sign on a rise); days and weeks: "-3.2 days -1.7%"; rates and percentages: "-1.4pp".</summary>
    public static string Change(string unit, Change? change)
    {
        if (change is null)
        {
            return "";
        }

        if (change.PercentagePoints is { } points)
        {
            return FigureDisplay.OneDecimal(points) + "pp";
        }

        var absolute = FigureDisplay.Difference(unit, change.Absolute!.Value);
        return change.Percent is { } percent ? $"{absolute} {FigureDisplay.PercentText(percent)}" : absolute;
    }

    /// <summary>The population a rate per 1,000 divides by, with its vintage: "Per 1,000 of the mid-2022 population 822,500 (vintage)".</summary>
    public static string PopulationNote(PopulationEstimate population) => $"Per 1,000 of the {population.Describe()}";

    /// <summary>The arrow of a row, only where both figures it compares exist: an arrow beside "n/a" would claim a movement nobody can see.</summary>
    public static string Arrow(TrendIndicator trend, AreaComparison comparison) => ShowsTrend(comparison) ? Arrow(trend) : "";

    public static bool ShowsTrend(AreaComparison comparison) => comparison.Current.HasValue && comparison.Previous.HasValue;

    private static string Arrow(TrendIndicator trend) => trend.Arrow switch
    {
        Trend.Up => "↑",
        Trend.Down => "↓",
        Trend.Steady => "↔",
        _ => "",
    } + (trend.Suggested && trend.Arrow != Trend.None ? " (s)" : "");

    public static string Status(TargetStatus? status) => status?.Status.ToString() ?? "";

    /// <summary>A target in the unit the plan writes it in: a rate's target is a percentage.</summary>
    public static string Target(string unit, decimal target) => FigureDisplay.Value(FigureDisplay.ScaleOf(unit), target);

    /// <summary>Words for machines and people alike, never C# enum names.</summary>
    public static string Word(Trend trend) => trend == Trend.None ? "" : trend.ToString().ToLowerInvariant();

    public static string Word(AggregationRule rule) => rule switch
    {
        AggregationRule.SnapshotSum => "snapshot sum",
        AggregationRule.CountyOnly => "county only",
        _ => rule.ToString().ToLowerInvariant(),
    };

    public static string Word(FigureMethod method) => method switch
    {
        FigureMethod.None => "",
        FigureMethod.LatestSnapshot => "latest snapshot",
        _ => method.ToString().ToLowerInvariant(),
    };

    public static string Word(TargetStatus? status) => status?.Status.ToString().ToLowerInvariant() ?? "";

    public static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", Invariant) ?? "";

    public static string ComparisonName(ComparisonKind kind) => kind switch
    {
        ComparisonKind.Rolling12Months => "rolling 12 months",
        ComparisonKind.YearToDate => "financial year to date",
        _ => "same window a year earlier",
    };

    public static string ComparisonSlug(ComparisonKind kind) => kind switch
    {
        ComparisonKind.Rolling12Months => "rolling-12-months",
        ComparisonKind.YearToDate => "year-to-date",
        _ => "previous-year",
    };

    public static bool TryParseComparison(string? text, out ComparisonKind kind)
    {
        foreach (var candidate in ComparisonWindows.All)
        {
            if (string.Equals(text, ComparisonSlug(candidate), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>A window's label, with the date a snapshot figure is for when it differs.</summary>
    public static string WindowOf(ReportCell cell) =>
        cell.AsOf is { } asOf && asOf != cell.Window.End ? $"{cell.Window.Label} (at {Iso(asOf)})" : cell.Window.Label;
}
