using Partnership.Domain;
using Partnership.Reporting.Comparisons;
using Partnership.Reporting.Plans;

namespace Partnership.Reporting.Delivery;

/// <summary>Who reads a report: the public sees it after disclosure control, partners see true figures.</summary>
public enum ReportAudience
{
    Public,
    Partner,
}

/// <summary>The Delivery Quarterly Report of a force for one window, per theme and objective of its plan.</summary>
public sealed record DeliveryReport(
    AreaDefinition Force,
    Period Window,
    string PlanTitle,
    ReportAudience Audience,
    IReadOnlyList<ComparisonKind> Comparisons,
    IReadOnlyList<AreaDefinition> Districts,
    IReadOnlyList<ReportTheme> Themes)
{
    /// <summary>The published edition this report is, for the public view; null for live figures and drafts.</summary>
    public PublishedEdition? Edition { get; init; }

    public IEnumerable<(ReportTheme Theme, ReportObjective Objective, MeasureReport Measure)> Rows() =>
        from theme in Themes from objective in theme.Objectives from measure in objective.Measures select (theme, objective, measure);

    /// <summary>The monitoring appendix: every measure with a target, in plan order.</summary>
    public IEnumerable<MonitoringLine> Monitoring() => Rows().Where(r => r.Measure.Target is not null).Select(r => MonitoringLine.For(r.Measure));
}

/// <summary>
/// Which edition a public report is: readers quote it, and a corrected version says when it was
/// corrected, why, and which published figures changed (<see cref="Changes"/>, as the public reads them).
/// </summary>
public sealed record PublishedEdition(long Id, string Title, DateTimeOffset PublishedAt)
{
    public int Version { get; init; } = 1;

    public DateTimeOffset? CorrectedAt { get; init; }

    public string Correction { get; init; } = "";

    public IReadOnlyList<string> Changes { get; init; } = [];

    public string Describe() => CorrectedAt is { } corrected
        ? $"edition {Id} \"{Title}\", version {Version}, corrected on {When(corrected)} UTC (first published {When(PublishedAt)} UTC)"
        : $"edition {Id} \"{Title}\", published {When(PublishedAt)} UTC";

    /// <summary>What a corrected version says changed: the approver's reason, then each figure; empty for version 1.</summary>
    public string DescribeCorrection() => CorrectedAt is null
        ? ""
        : $"Version {Version}, corrected on {When(CorrectedAt.Value)} UTC: {Correction}" + (Changes.Count == 0 ? "" : $" Changed: {string.Join("; ", Changes)}.");

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record ReportTheme(string Id, string Name, IReadOnlyList<ReportObjective> Objectives)
{
    /// <summary>The edition's commentary on the section, rendered; empty for live figures.</summary>
    public string Commentary { get; init; } = "";
}

public sealed record ReportObjective(string Id, string Name, IReadOnlyList<MeasureReport> Measures);

/// <summary>
/// One row of the report: a plan measure with its county figures for each comparison, the districts
/// beside it, trend, status against target and comment, and the series behind the chart.
/// </summary>
/// <param name="Measure">Null when this aggregator's catalogue does not define the plan's measure yet.</param>
/// <param name="Forces">The force against its most similar group and all forces, from national figures for one of the report's windows; null without them.</param>
public sealed record MeasureReport(
    PlanMeasure Plan,
    MeasureDefinition? Measure,
    TrendIndicator Trend,
    AreaReport County,
    IReadOnlyList<AreaReport> Districts,
    string Comment,
    IReadOnlyList<SeriesLine> Series,
    ForceComparison? Forces = null)
{
    public string Id => Plan.Measure;

    public FigureKind Kind => Measure?.Kind ?? FigureKind.Count;

    public string Unit => Measure?.Unit ?? "count";

    public PlanTarget? Target => Plan.Target;

    public Polarity Polarity => Target?.Polarity ?? Measure?.Polarity ?? Polarity.Monitor;

    /// <summary>The series breaks within the report's windows, earliest first: each is a footnote, and a mark on the chart.</summary>
    public IReadOnlyList<SeriesBreak> Breaks { get; init; } = [];

    /// <summary>
    /// The target figure a reader sees: the year's for a phased target, the baseline less its reduction for
    /// a reduction (once the baseline is known); none for a milestone or a status set by hand.
    /// </summary>
    public decimal? TargetFigure => Target switch
    {
        null or { JudgesFigures: false } => null,
        { Kind: TargetKind.Reduction } target => Status?.Target ?? target.BaselineValue * (1m - ((target.ReductionPercent ?? 0m) / 100m)),
        { } target => target.Value,
    };

    /// <summary>The comparison the plan judges the measure on, when it names one.</summary>
    public ComparisonKind? Comparison => Plan.ComparisonKind;

    /// <summary>
    /// The headline status: on the plan's comparison when it names one, otherwise the first comparison
    /// whose current window the target is set for.
    /// </summary>
    public TargetStatus? Status => Headline?.Status;

    /// <summary>The county comparison the headline status is from: the plan's, or the first with a status.</summary>
    public AreaComparison? Headline => Comparison is { } chosen
        ? County.For(chosen)
        : County.Comparisons.FirstOrDefault(c => c.Status is not null);
}

/// <summary>
/// One line of the monitoring appendix: measure, target, year-to-date target, actual, RAG, comment. A plan
/// may judge some measures over rolling 12 months and some year to date: each line names its own
/// comparison, so both sit side by side in one table.
/// </summary>
/// <param name="Actual">The figure judged, in the target's unit: the year to date for a phased target.</param>
public sealed record MonitoringLine(
    MeasureReport Measure,
    ComparisonKind? Comparison,
    TargetKind? Kind,
    decimal? Target,
    decimal? YearToDateTarget,
    decimal? Actual,
    Period? ActualWindow,
    TargetStatus? Status,
    string Footnote,
    string Comment)
{
    public static MonitoringLine For(MeasureReport measure)
    {
        var headline = measure.Headline;
        var status = headline?.Status;
        return new MonitoringLine(
            measure,
            headline?.Kind ?? measure.Comparison,
            measure.Target?.Kind,
            measure.TargetFigure,
            status?.YearToDateTarget,
            status is { HasFigure: true } ? status.Value : headline?.Current.Value is { } value ? TargetStatus.InTargetUnit(measure.Kind, value) : null,
            status is { HasFigure: true } ? status.Judged : headline?.Current.Window,
            status,
            status?.Footnote ?? "",
            measure.Comment);
    }
}

/// <summary>One area's figures in a row: the county, or a district of the breakdown.</summary>
public sealed record AreaReport(AreaDefinition Area, bool IsCounty, IReadOnlyList<AreaComparison> Comparisons)
{
    public AreaComparison? For(ComparisonKind kind)
    {
        // A loop, not FirstOrDefault with a lambda capturing the kind: disclosure and the headline ask for every area's comparisons.
        for (var i = 0; i < Comparisons.Count; i++)
        {
            if (Comparisons[i].Kind == kind)
            {
                return Comparisons[i];
            }
        }

        return null;
    }
}

/// <param name="StatusExplanation">Why there is no status, when there is a target but none could be given.</param>
public sealed record AreaComparison(ComparisonKind Kind, ReportCell Current, ReportCell Previous, Change? Change, TargetStatus? Status, string StatusExplanation = "")
{
    /// <summary>The series break the two windows lie either side of: the difference and trend are then not like for like.</summary>
    public SeriesBreak? Break { get; init; }
}

public sealed record SeriesLine(AreaDefinition Area, bool IsCounty, IReadOnlyList<SeriesPoint> Points);

/// <param name="Cell">The cell behind the point, for disclosure control to decide on; never rendered, and not kept in a public report.</param>
public sealed record SeriesPoint(Period Window, decimal? Value, bool Provisional, bool Withheld = false, ReportCell? Cell = null);
