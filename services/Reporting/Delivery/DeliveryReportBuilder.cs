using Partnership.Domain;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Rollups;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// Builds the Delivery Quarterly Report from a plan and the observations held, in memory and without
/// I/O: resolves every window per area (exact, tiled or latest snapshot), rolls districts up to the
/// county with <see cref="CountyRollupCalculator"/>, and adds comparisons, trend and status.
/// </summary>
public sealed class DeliveryReportBuilder(MeasureCatalogue catalogue, Geography geography)
{
    /// <summary>How many windows of the report's length the chart series goes back, at most.</summary>
    public const int SeriesLength = 16;

    public DeliveryReport Build(DeliveryPlan plan, Period window, IReadOnlyList<ComparisonKind> comparisons, IReadOnlyList<ObservedRow> rows, bool includeSeries = true) =>
        Build(plan, window, comparisons, ForceFigures.From(catalogue, rows), includeSeries);

    public DeliveryReport Build(DeliveryPlan plan, Period window, IReadOnlyList<ComparisonKind> comparisons, ForceFigures figures, bool includeSeries = true)
    {
        var force = geography.Get(plan.ForceAreaCode);
        var districts = geography.DistrictsOf(force.Code, window.End);
        var context = new Context(force, districts, comparisons.Count == 0 ? ComparisonWindows.All : comparisons, geography);

        var themes = plan.Themes.OrderBy(t => t.Order).Select(theme => new ReportTheme(theme.Id, theme.Name, [..
            theme.Objectives.OrderBy(o => o.Order).Select(objective => new ReportObjective(objective.Id, objective.Name, [..
                objective.Measures.OrderBy(m => m.Order).Select(m => BuildMeasure(context, m, window, figures.For(m.Measure), includeSeries))]))]));
        return new DeliveryReport(force, window, plan.Title, ReportAudience.Partner, context.Comparisons, districts, [.. themes]);
    }

    private sealed record Context(AreaDefinition Force, IReadOnlyList<AreaDefinition> Districts, IReadOnlyList<ComparisonKind> Comparisons, Geography Geography)
    {
        private readonly Dictionary<DateOnly, IReadOnlyList<AreaDefinition>> _districtsOn = [];

        /// <summary>The force's districts on a date: every window of every measure asks, and boundaries change rarely.</summary>
        public IReadOnlyList<AreaDefinition> DistrictsOn(DateOnly date)
        {
            if (!_districtsOn.TryGetValue(date, out var districts))
            {
                districts = Geography.DistrictsOf(Force.Code, date);
                _districtsOn.Add(date, districts);
            }

            return districts;
        }
    }

    private MeasureReport BuildMeasure(Context context, PlanMeasure planned, Period window, IReadOnlyDictionary<string, AreaFigures> data, bool includeSeries)
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
        var cells = new MeasureCells(this, context, measure, data);
        var county = new AreaReport(context.Force, true, [.. context.Comparisons.Select(kind =>
        {
            var windows = ComparisonWindows.For(kind, window);
            return Compare(measure, planned.Target, windows, cells.County(windows.Current), cells.County(windows.Previous));
        })]);

        var withDistrictData = context.Districts.Where(d => cells.Figures(d.Code).Count > 0).ToList();
        var districts = withDistrictData.Select(d => new AreaReport(d, false, [.. context.Comparisons.Select(kind =>
        {
            var windows = ComparisonWindows.For(kind, window);
            return Compare(measure, null, windows, cells.District(d.Code, windows.Current), cells.District(d.Code, windows.Previous));
        })])).ToList();

        var series = includeSeries ? Series(context, window, cells, withDistrictData) : [];
        var trend = Trend(context, measure, window, cells);
        return new MeasureReport(planned, measure, trend, county, districts, Comment(context, window, cells), series);
    }

    /// <summary>One measure's cells, each area and window resolved once however often the report shows it.</summary>
    private sealed class MeasureCells(DeliveryReportBuilder builder, Context context, MeasureDefinition measure, IReadOnlyDictionary<string, AreaFigures> data)
    {
        private readonly Dictionary<Period, ReportCell> _county = [];
        private readonly Dictionary<(string Area, Period Window), ReportCell> _districts = [];
        private readonly Dictionary<(string Area, Period Window, DateOnly? Date), ResolvedFigure> _resolved = [];

        public MeasureDefinition Measure => measure;

        public AreaFigures Figures(string area) => data.GetValueOrDefault(area) ?? AreaFigures.None;

        public ResolvedFigure Resolve(string area, Period window, DateOnly? date = null)
        {
            if (!_resolved.TryGetValue((area, window, date), out var resolved))
            {
                resolved = WindowResolver.Resolve(measure, area, Figures(area), window, date);
                _resolved.Add((area, window, date), resolved);
            }

            return resolved;
        }

        public ReportCell County(Period window)
        {
            if (!_county.TryGetValue(window, out var cell))
            {
                cell = builder.CountyCell(context, this, window);
                _county.Add(window, cell);
            }

            return cell;
        }

        public ReportCell District(string area, Period window)
        {
            if (!_districts.TryGetValue((area, window), out var cell))
            {
                cell = DistrictCell(Resolve(area, window));
                _districts.Add((area, window), cell);
            }

            return cell;
        }
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

    private ReportCell CountyCell(Context context, MeasureCells cells, Period window)
    {
        var measure = cells.Measure;
        var expected = context.DistrictsOn(window.End);
        DateOnly? date = measure.Rule == AggregationRule.SnapshotSum
            ? WindowResolver.LatestSnapshotDate(expected.Select(d => cells.Figures(d.Code)).Append(cells.Figures(context.Force.Code)), window)
            : null;
        var districts = expected.Select(d => cells.Resolve(d.Code, window, date)).ToList();
        var county = cells.Resolve(context.Force.Code, window, date);
        var found = districts.Where(d => d.Figure is not null).ToList();
        if (found.Count == 0 && county.Figure is null && measure.Rule != AggregationRule.CountyOnly)
        {
            return ReportCell.Empty(window, "No figures: " + Reasons(context, [county, .. districts]));
        }

        var rollup = CountyRollupCalculator.Calculate(measure, expected, [.. found.Select(d => d.Figure!)], county.Figure);
        var used = rollup.Source == CountySource.SubmittedCountyFigure ? [county] : found;
        var shownBeside = county.Figure is not null && rollup.Source != CountySource.SubmittedCountyFigure ? [county] : Array.Empty<ResolvedFigure>();
        var notes = new List<string>();
        if (rollup.Explanation.Length > 0)
        {
            notes.Add(rollup.Explanation);
        }

        var unresolved = districts.Where(d => d.Figure is null).ToList();
        if (unresolved.Count > 0 && rollup.Source == CountySource.DistrictRollup)
        {
            notes.Add(Reasons(context, unresolved));
        }
        else if (rollup.CountyValue is null && county.Why.Length > 0)
        {
            notes.Add(Reasons(context, [county]));
        }

        // Returns in conflict over a figure are named in the cell, with both figures.
        notes.AddRange(FigureSource.Conflicts(used.Concat(shownBeside).SelectMany(u => u.Sources)));
        var method = used.Select(u => u.Method).DefaultIfEmpty(FigureMethod.None).Max();
        return new ReportCell(
            window,
            rollup.CountyValue,
            rollup.CountyNumerator,
            rollup.CountyDenominator,
            rollup.CountyValue is null ? FigureMethod.None : method,
            date,
            rollup.Provisional,
            used.Concat(shownBeside).Select(u => u.Figure!.Confidentiality).DefaultIfEmpty(Confidentiality.Free).Max(),
            [.. used.Concat(shownBeside).SelectMany(u => u.Sources)],
            string.Join(" ", notes),
            rollup.Source,
            rollup.DistrictsIncluded,
            rollup.DistrictsMissing,
            rollup.DistrictSum,
            rollup.SubmittedCountyValue);
    }

    private static ReportCell DistrictCell(ResolvedFigure resolved)
    {
        var window = resolved.Window;
        if (resolved.Figure is not { } figure)
        {
            return ReportCell.Empty(window, Capitalise(resolved.Why) + ".");
        }

        return new ReportCell(window, figure.Figure.Resolved, figure.Figure.Numerator, figure.Figure.Denominator, resolved.Method, resolved.AsOf,
            figure.Status == ObservationStatus.Provisional, figure.Confidentiality, resolved.Sources, string.Join(" ", FigureSource.Conflicts(resolved.Sources)));
    }

    /// <summary>Why areas have no figure, grouped so five districts with the same reason read as one sentence.</summary>
    private string Reasons(Context context, IEnumerable<ResolvedFigure> unresolved) =>
        string.Join("; ", unresolved.Where(u => u.Why.Length > 0).GroupBy(u => u.Why, StringComparer.Ordinal)
            .Select(g => $"{string.Join(", ", g.Select(u => geography.TryGet(u.AreaCode, out var a) ? a.Name : u.AreaCode))}: {g.Key}")) + ".";

    private static TrendIndicator Trend(Context context, MeasureDefinition measure, Period window, MeasureCells cells)
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

    private static IReadOnlyList<SeriesLine> Series(Context context, Period window, MeasureCells cells, IReadOnlyList<AreaDefinition> districts)
    {
        var earliest = districts.Select(d => d.Code).Append(context.Force.Code).Select(a => cells.Figures(a).EarliestStart).Min();
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

    private static string Comment(Context context, Period window, MeasureCells cells)
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

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
