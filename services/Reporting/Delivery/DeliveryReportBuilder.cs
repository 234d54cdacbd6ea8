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
        var context = new Context(new ForceWindows(catalogue, geography, force, figures, populations), districts, comparisons.Count == 0 ? ComparisonWindows.All : comparisons, national ?? NationalFigures.None);

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
            return Compare(measure, planned.Target, windows, cells.County(windows.Current), cells.County(windows.Previous));
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

    private static AreaComparison Compare(MeasureDefinition measure, PlanTarget? target, ComparisonWindows windows, ReportCell current, ReportCell previous)
    {
        var change = Change.Between(measure.Kind, current, previous);
        if (target is null)
        {
            return new AreaComparison(windows.Kind, current, previous, change, null);
        }

        var polarity = target.Polarity ?? measure.Polarity;
        if (!target.AppliesTo(current.Window))
        {
            return new AreaComparison(windows.Kind, current, previous, change, null, $"The target is set for {target.WindowMonths}-month windows.");
        }

        if (current.Value is not { } value)
        {
            return new AreaComparison(windows.Kind, current, previous, change, null, "No figure to judge against the target.");
        }

        var status = TargetStatus.Evaluate(TargetStatus.InTargetUnit(measure.Kind, value), target, polarity);
        return new AreaComparison(windows.Kind, current, previous, change, status, status is null ? "A measure to monitor has no status." : "");
    }

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
