using Partnership.Domain;
using Partnership.Reporting.Comparisons;
using Partnership.Reporting.Plans;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// Builds the Delivery Quarterly Report from a plan and the observations held, in memory and without
/// I/O: takes every window's cells from the one window engine (<see cref="ForceWindows"/>, which the
/// county rollup uses too) and adds comparisons, trend and status.
/// </summary>
/// <param name="populations">The denominators of rates per 1,000; the built-in estimates when not given.</param>
public sealed class DeliveryReportBuilder(MeasureCatalogue catalogue, Geography geography, PopulationEstimates? populations = null, ForceComparer? forces = null)
{
    /// <summary>How many windows of the report's length the chart series goes back, at most.</summary>
    public const int SeriesLength = 16;

    public DeliveryReport Build(DeliveryPlan plan, Period window, IReadOnlyList<ComparisonKind> comparisons, IReadOnlyList<ObservedRow> rows, bool includeSeries = true, NationalFigures? national = null) =>
        Build(plan, window, comparisons, ForceFigures.From(catalogue, rows), includeSeries, national);

    /// <param name="national">Published national figures, for the comparison with other forces; none when null.</param>
    public DeliveryReport Build(DeliveryPlan plan, Period window, IReadOnlyList<ComparisonKind> comparisons, ForceFigures figures, bool includeSeries = true, NationalFigures? national = null)
    {
        var force = geography.Get(plan.ForceAreaCode);
        var districts = geography.DistrictsOf(force.Code, window.End);
        var kinds = comparisons.Count == 0 ? ComparisonWindows.All : comparisons;
        // Each comparison's two windows, the trend's one or two, and the series.
        var windows = (2 * kinds.Count) + 2 + (includeSeries ? SeriesLength : 0);
        var forceWindows = new ForceWindows(catalogue, geography, force, figures, populations) { Expected = (districts.Count + 1, windows) };
        var context = new Context(forceWindows, districts, kinds, national ?? NationalFigures.None);

        var themes = plan.Themes.OrderBy(t => t.Order).Select(theme => new ReportTheme(theme.Id, theme.Name, [..
            theme.Objectives.OrderBy(o => o.Order).Select(objective => new ReportObjective(objective.Id, objective.Name, [..
                objective.Measures.OrderBy(m => m.Order).Select(m => BuildMeasure(context, m, window, includeSeries))]))]));
        return new DeliveryReport(force, window, plan.Title, ReportAudience.Partner, context.Comparisons, districts, [.. themes]);
    }

    private sealed record Context(ForceWindows Windows, IReadOnlyList<AreaDefinition> Districts, IReadOnlyList<ComparisonKind> Comparisons, NationalFigures National)
    {
        public AreaDefinition Force => Windows.Force;
    }

    private MeasureReport BuildMeasure(Context context, PlanMeasure planned, Period window, bool includeSeries)
    {
        var empty = new AreaReport(context.Force, true, []);
        if (!catalogue.TryGet(planned.Measure, out var measure))
        {
            var why = ReportCell.Empty(window, "This aggregator's measure catalogue does not define the measure yet.");
            return new MeasureReport(planned, null, TrendIndicator.None,
                empty with { Comparisons = [.. context.Comparisons.Select(k => new AreaComparison(k, why with { Window = ComparisonWindows.For(k, window).Current }, why, null, null))] },
                [], "", []);
        }

        // Comparisons, trend and series ask for many of the same windows: each cell is worked out once.
        var cells = context.Windows.For(measure);
        var county = new AreaReport(context.Force, true, [.. context.Comparisons.Select(kind =>
        {
            var windows = ComparisonWindows.For(kind, window);
            return Compare(measure, planned.Target, windows, cells.County(windows.Current), cells.County(windows.Previous), cells);
        })]);

        var withDistrictData = context.Districts.Where(d => cells.HasFigures(d.Code)).ToList();
        var districts = withDistrictData.Select(d => new AreaReport(d, false, [.. context.Comparisons.Select(kind =>
        {
            var windows = ComparisonWindows.For(kind, window);
            return Compare(measure, null, windows, cells.District(d.Code, windows.Current), cells.District(d.Code, windows.Previous));
        })])).ToList();

        var series = includeSeries ? Series(context, window, cells, withDistrictData) : [];
        var trend = Trend(context, measure, window, cells);
        var againstForces = forces?.Compare(context.Force.Code, measure, planned.Target?.Polarity ?? measure.Polarity,
            ForceComparer.WindowsFor(window, context.Comparisons), context.National);
        return new MeasureReport(planned, measure, trend, county, districts, Comment(context, window, cells), series, againstForces);
    }

    private static AreaComparison Compare(MeasureDefinition measure, PlanTarget? target, ComparisonWindows windows, ReportCell current, ReportCell previous, MeasureWindows? cells = null)
    {
        var change = Change.Between(measure.Kind, current, previous);
        var compared = new AreaComparison(windows.Kind, current, previous, change, null);
        if (target is null)
        {
            return compared;
        }

        var polarity = target.Polarity ?? measure.Polarity;
        if (!target.JudgesFigures)
        {
            return compared with { Status = TargetStatus.Stated(target, current.Window.End, polarity) };
        }

        if (target.Kind == TargetKind.YearToDate && windows.Kind != ComparisonKind.YearToDate)
        {
            return compared with { StatusExplanation = "The target is phased through the financial year and judged year to date." };
        }

        if (!target.AppliesTo(current.Window))
        {
            return compared with { StatusExplanation = $"The target is set for {target.EffectiveWindowMonths}-month windows." };
        }

        if (Judged(target, current, cells) is not { } judged)
        {
            return compared with { StatusExplanation = "No figure to judge against the target." };
        }

        var (targetValue, why) = TargetFor(measure, target, judged, cells);
        if (targetValue is not { } value)
        {
            return compared with { StatusExplanation = why };
        }

        var status = TargetStatus.Evaluate(TargetStatus.InTargetUnit(measure.Kind, judged.Value!.Value), value, target, polarity);
        if (status is null)
        {
            return compared with { StatusExplanation = "A measure to monitor has no status." };
        }

        var dataEnd = judged.AsOf ?? judged.Window.End;
        var stale = (dataEnd.Year * 12) + dataEnd.Month < (current.Window.End.Year * 12) + current.Window.End.Month;
        return compared with
        {
            Status = status with
            {
                Judged = judged.Window,
                Stale = stale,
                Footnote = stale ? TargetStatus.LatestDataTo(dataEnd) : "",
                AnnualTarget = target.Kind == TargetKind.YearToDate ? target.Value : null,
                YearToDateTarget = target.Kind == TargetKind.YearToDate ? value : null,
                Baseline = target.Kind == TargetKind.Reduction ? Baseline(measure, target, cells) : null,
                BaselineStated = target.Kind == TargetKind.Reduction && target.BaselineValue is not null,
                Reason = why,
            },
        };
    }

    /// <summary>
    /// The figure a target is judged on: the window's own, or when it has none the latest earlier window
    /// of the same kind held within the year before it (so a status can rest on older data, marked so).
    /// </summary>
    private static ReportCell? Judged(PlanTarget target, ReportCell current, MeasureWindows? cells)
    {
        if (current.HasValue || cells is null || current.Window.IsSnapshot)
        {
            return current.HasValue ? current : null;
        }

        var window = current.Window;
        for (var back = 1; back < 12; back++)
        {
            var end = window.End.AddMonths(-back);
            // A year to date stays in its own financial year; any other window keeps its length.
            var start = target.Kind == TargetKind.YearToDate ? window.Start : window.Start.AddMonths(-back);
            if (end < start)
            {
                break;
            }

            var earlier = cells.County(Period.Months(start, end));
            if (earlier.HasValue)
            {
                return earlier;
            }
        }

        return null;
    }

    /// <summary>The figure a judged window is held to, in the target's unit, or why there is none.</summary>
    private static (decimal? Value, string Why) TargetFor(MeasureDefinition measure, PlanTarget target, ReportCell judged, MeasureWindows? cells)
    {
        switch (target.Kind)
        {
            case TargetKind.YearToDate:
                return target.YearToDateTarget(judged.Window) is { } ytd
                    ? (ytd, "")
                    : (null, $"The plan's phasing gives no year-to-date target for {judged.Window.MonthCount} months.");
            case TargetKind.Reduction:
                if (Baseline(measure, target, cells) is not { } baseline)
                {
                    return (null, $"The {target.BaselineYear} baseline is not held and the plan does not state it.");
                }

                var percent = target.ReductionPercent ?? 0m;
                var of = target.BaselineYear is { } year ? $"the {year} outturn of {Number(baseline)}" : $"the baseline of {Number(baseline)}";
                var source = target.BaselineValue is not null ? "as the plan states it" : "from the figures held";
                return (baseline * (1m - (percent / 100m)), percent == 0m ? $"No more than {of} ({source})" : $"{Number(percent)}% less than {of} ({source})");
            default:
                return (target.Value, "");
        }
    }

    /// <summary>A reduction's baseline: as the plan states it, or the baseline year's figure held (in the target's unit).</summary>
    private static decimal? Baseline(MeasureDefinition measure, PlanTarget target, MeasureWindows? cells)
    {
        if (target.BaselineValue is { } stated)
        {
            return stated;
        }

        return target.BaselineYearStart is { } year && cells?.County(Period.FinancialYear(year)).Value is { } held
            ? TargetStatus.InTargetUnit(measure.Kind, held)
            : null;
    }

    private static string Number(decimal value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    private static TrendIndicator Trend(Context context, MeasureDefinition measure, Period window, MeasureWindows cells)
    {
        var submitted = cells.Figures(context.Force.Code).For(window);
        if (submitted is not null && submitted.Figure.Trend != Domain.Trend.None)
        {
            return new TrendIndicator(submitted.Figure.Trend, false, "as submitted");
        }

        var latest = cells.County(window);
        var earlier = cells.County(window.ShiftYears(-1));
        if (!earlier.HasValue && !window.IsSnapshot)
        {
            earlier = cells.County(Period.Months(window.Start.AddMonths(-window.MonthCount), window.Start.AddMonths(-1)));
        }

        return TrendRule.Suggest(measure.Kind, latest, earlier);
    }

    private static IReadOnlyList<SeriesLine> Series(Context context, Period window, MeasureWindows cells, IReadOnlyList<AreaDefinition> districts)
    {
        var earliest = districts.Select(d => d.Code).Append(context.Force.Code).Select(cells.EarliestStart).Min();
        if (earliest is null)
        {
            return [];
        }

        var windows = SeriesWindows(window, earliest.Value);
        var lines = new List<SeriesLine>
        {
            new(context.Force, true, [.. windows.Select(w => Point(cells.County(w)))]),
        };
        lines.AddRange(districts.Select(d => new SeriesLine(d, false, [.. windows.Select(w => Point(cells.District(d.Code, w)))])));
        return lines;
    }

    /// <summary>Windows of the report's length stepping back from it, oldest first, no earlier than the first figure held.</summary>
    public static IReadOnlyList<Period> SeriesWindows(Period window, DateOnly earliest)
    {
        var step = window.IsSnapshot ? 3 : window.MonthCount;
        var windows = new List<Period>();
        for (var k = 0; k < SeriesLength; k++)
        {
            var shifted = window.IsSnapshot
                ? Period.Snapshot(EndOfMonth(window.End.AddMonths(-step * k)))
                : Period.Months(window.Start.AddMonths(-step * k), window.End.AddMonths(-step * k));
            if (shifted.End < earliest)
            {
                break;
            }

            windows.Add(shifted);
        }

        windows.Reverse();
        return windows;
    }

    private static SeriesPoint Point(ReportCell cell) => new(cell.Window, cell.Value, cell.HasValue && cell.Provisional, Cell: cell);

    private static string Comment(Context context, Period window, MeasureWindows cells)
    {
        var county = cells.Figures(context.Force.Code).For(window)?.Figure.Note;
        if (!string.IsNullOrWhiteSpace(county))
        {
            return county;
        }

        return string.Join(" ", context.Districts
            .Select(d => (d.Name, Note: cells.Figures(d.Code).For(window)?.Figure.Note))
            .Where(n => !string.IsNullOrWhiteSpace(n.Note))
            .Select(n => $"{n.Name}: {n.Note}"));
    }

    private static DateOnly EndOfMonth(DateOnly date) => new(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month));
}
