using Partnership.Domain;
using Partnership.Reporting.Plans;
using Partnership.Reporting.Rollups;

namespace Partnership.Reporting.Delivery;

/// <summary>A figure as the read model holds it: one return's observation of a measure for an area and window.</summary>
public sealed record ObservedRow(string MeasureId, Period Period, SourcedFigure Figure);

/// <summary>
/// Builds the Delivery Quarterly Report from a plan and the observations held, in memory and without
/// I/O: resolves every window per area (exact, tiled or latest snapshot), rolls districts up to the
/// county with <see cref="CountyRollupCalculator"/>, and adds comparisons, trend and status.
/// </summary>
public sealed class DeliveryReportBuilder(MeasureCatalogue catalogue, Geography geography)
{
    /// <summary>How many windows of the report's length the chart series goes back, at most.</summary>
    public const int SeriesLength = 16;

    public DeliveryReport Build(DeliveryPlan plan, Period window, IReadOnlyList<ComparisonKind> comparisons, IReadOnlyList<ObservedRow> rows, bool includeSeries = true)
    {
        var force = geography.Get(plan.ForceAreaCode);
        var districts = geography.DistrictsOf(force.Code, window.End);
        var byMeasure = rows.GroupBy(r => r.MeasureId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Index(g), StringComparer.Ordinal);
        var context = new Context(force, districts, comparisons.Count == 0 ? ComparisonWindows.All : comparisons);

        var themes = plan.Themes.OrderBy(t => t.Order).Select(theme => new ReportTheme(theme.Id, theme.Name, [..
            theme.Objectives.OrderBy(o => o.Order).Select(objective => new ReportObjective(objective.Id, objective.Name, [..
                objective.Measures.OrderBy(m => m.Order).Select(m => BuildMeasure(context, m, window, byMeasure.GetValueOrDefault(m.Measure), includeSeries))]))]));
        return new DeliveryReport(force, window, plan.Title, ReportAudience.Partner, context.Comparisons, districts, [.. themes]);
    }

    private sealed record Context(AreaDefinition Force, IReadOnlyList<AreaDefinition> Districts, IReadOnlyList<ComparisonKind> Comparisons);

    /// <summary>Figures by area, then by window, each combined across the returns that hold it.</summary>
    private Dictionary<string, IReadOnlyList<ObservedFigure>> Index(IEnumerable<ObservedRow> rows) =>
        rows.GroupBy(r => r.Figure.AreaCode, StringComparer.Ordinal).ToDictionary(
            area => area.Key,
            area => (IReadOnlyList<ObservedFigure>)[.. area.GroupBy(r => r.Period).Select(period => Observed(period.Key, [.. period]))],
            StringComparer.Ordinal);

    private ObservedFigure Observed(Period period, IReadOnlyList<ObservedRow> rows)
    {
        var figures = rows.Select(r => r.Figure).ToList();
        var combined = catalogue.TryGet(rows[0].MeasureId, out var measure) ? CountyRollupQuery.Combine(measure, figures) : figures[0];
        var sources = figures.Select(f => new FigureSource(f.AreaCode, period, f.ReturnId, f.Revision, f.Status)).ToList();
        return new ObservedFigure(period, combined, sources);
    }

    private MeasureReport BuildMeasure(Context context, PlanMeasure planned, Period window, Dictionary<string, IReadOnlyList<ObservedFigure>>? data, bool includeSeries)
    {
        var empty = new AreaReport(context.Force, true, []);
        if (!catalogue.TryGet(planned.Measure, out var measure))
        {
            var why = ReportCell.Empty(window, "This aggregator's measure catalogue does not define the measure yet.");
            return new MeasureReport(planned, null, TrendIndicator.None,
                empty with { Comparisons = [.. context.Comparisons.Select(k => new AreaComparison(k, why with { Window = ComparisonWindows.For(k, window).Current }, why, null, null))] },
                [], "", []);
        }

        data ??= [];
        var figures = (string area) => data.GetValueOrDefault(area) ?? [];
        var county = new AreaReport(context.Force, true, [.. context.Comparisons.Select(kind =>
        {
            var windows = ComparisonWindows.For(kind, window);
            return Compare(measure, planned.Target, windows, CountyCell(context, measure, figures, windows.Current), CountyCell(context, measure, figures, windows.Previous));
        })]);

        var withDistrictData = context.Districts.Where(d => figures(d.Code).Count > 0).ToList();
        var districts = withDistrictData.Select(d => new AreaReport(d, false, [.. context.Comparisons.Select(kind =>
        {
            var windows = ComparisonWindows.For(kind, window);
            return Compare(measure, null, windows, DistrictCell(measure, d.Code, figures(d.Code), windows.Current), DistrictCell(measure, d.Code, figures(d.Code), windows.Previous));
        })])).ToList();

        var series = includeSeries ? Series(context, measure, window, figures, withDistrictData) : [];
        var trend = Trend(context, measure, window, figures);
        return new MeasureReport(planned, measure, trend, county, districts, Comment(context, window, figures), series);
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

    private ReportCell CountyCell(Context context, MeasureDefinition measure, Func<string, IReadOnlyList<ObservedFigure>> figures, Period window)
    {
        var expected = geography.DistrictsOf(context.Force.Code, window.End);
        DateOnly? date = measure.Rule == AggregationRule.SnapshotSum
            ? WindowResolver.LatestSnapshotDate(expected.Select(d => figures(d.Code)).Append(figures(context.Force.Code)), window)
            : null;
        var districts = expected.Select(d => WindowResolver.Resolve(measure, d.Code, figures(d.Code), window, date)).ToList();
        var county = WindowResolver.Resolve(measure, context.Force.Code, figures(context.Force.Code), window, date);
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

    private static ReportCell DistrictCell(MeasureDefinition measure, string area, IReadOnlyList<ObservedFigure> figures, Period window)
    {
        var resolved = WindowResolver.Resolve(measure, area, figures, window);
        if (resolved.Figure is not { } figure)
        {
            return ReportCell.Empty(window, Capitalise(resolved.Why) + ".");
        }

        return new ReportCell(window, figure.Figure.Resolved, figure.Figure.Numerator, figure.Figure.Denominator, resolved.Method, resolved.AsOf,
            figure.Status == ObservationStatus.Provisional, figure.Confidentiality, resolved.Sources, "");
    }

    /// <summary>Why areas have no figure, grouped so five districts with the same reason read as one sentence.</summary>
    private string Reasons(Context context, IEnumerable<ResolvedFigure> unresolved) =>
        string.Join("; ", unresolved.Where(u => u.Why.Length > 0).GroupBy(u => u.Why, StringComparer.Ordinal)
            .Select(g => $"{string.Join(", ", g.Select(u => geography.TryGet(u.AreaCode, out var a) ? a.Name : u.AreaCode))}: {g.Key}")) + ".";

    private TrendIndicator Trend(Context context, MeasureDefinition measure, Period window, Func<string, IReadOnlyList<ObservedFigure>> figures)
    {
        var submitted = figures(context.Force.Code).FirstOrDefault(f => f.Period == window && f.Figure.Trend != Domain.Trend.None);
        if (submitted is not null)
        {
            return new TrendIndicator(submitted.Figure.Trend, false, "as submitted");
        }

        var latest = CountyCell(context, measure, figures, window);
        var earlier = CountyCell(context, measure, figures, window.ShiftYears(-1));
        if (!earlier.HasValue && !window.IsSnapshot)
        {
            earlier = CountyCell(context, measure, figures, Period.Months(window.Start.AddMonths(-window.MonthCount), window.Start.AddMonths(-1)));
        }

        return TrendRule.Suggest(measure.Kind, latest, earlier);
    }

    private IReadOnlyList<SeriesLine> Series(Context context, MeasureDefinition measure, Period window, Func<string, IReadOnlyList<ObservedFigure>> figures, IReadOnlyList<AreaDefinition> districts)
    {
        var earliest = districts.Select(d => d.Code).Append(context.Force.Code).SelectMany(a => figures(a)).Select(f => (DateOnly?)f.Period.Start).Min();
        if (earliest is null)
        {
            return [];
        }

        var windows = SeriesWindows(window, earliest.Value);
        var lines = new List<SeriesLine>
        {
            new(context.Force, true, [.. windows.Select(w => Point(CountyCell(context, measure, figures, w)))]),
        };
        lines.AddRange(districts.Select(d => new SeriesLine(d, false, [.. windows.Select(w => Point(DistrictCell(measure, d.Code, figures(d.Code), w)))])));
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

    private string Comment(Context context, Period window, Func<string, IReadOnlyList<ObservedFigure>> figures)
    {
        var county = figures(context.Force.Code).FirstOrDefault(f => f.Period == window)?.Figure.Note;
        if (!string.IsNullOrWhiteSpace(county))
        {
            return county;
        }

        return string.Join(" ", context.Districts
            .Select(d => (d.Name, Note: figures(d.Code).FirstOrDefault(f => f.Period == window)?.Figure.Note))
            .Where(n => !string.IsNullOrWhiteSpace(n.Note))
            .Select(n => $"{n.Name}: {n.Note}"));
    }

    private static DateOnly EndOfMonth(DateOnly date) => new(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month));

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
