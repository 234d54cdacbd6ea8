using Partnership.Domain;
using Partnership.Reporting.Rollups;

namespace Partnership.Reporting.Delivery;

/// <summary>A figure as the read model holds it: one return's observation of a measure for an area and window.</summary>
/// <param name="Order">Where the row stands among the rows of its cell (the read model's row id), so combining several returns' rows always takes them in the same order.</param>
public sealed record ObservedRow(string MeasureId, Period Period, SourcedFigure Figure, long Order = 0);

/// <summary>One area's figures of one measure, each window once, looked up by window.</summary>
public sealed class AreaFigures
{
    private readonly Dictionary<Period, ObservedFigure> _byPeriod;
    private List<ObservedFigure>? _snapshotsNewestFirst;

    /// <param name="figures">One figure per window, ordered by window (start, then end), so tiling always meets candidates in the same order.</param>
    public AreaFigures(IReadOnlyList<ObservedFigure> figures)
    {
        All = figures;
        _byPeriod = new Dictionary<Period, ObservedFigure>(figures.Count);
        foreach (var figure in figures)
        {
            _byPeriod.Add(figure.Period, figure);
        }

        EarliestStart = figures.Count == 0 ? null : figures.Min(f => f.Period.Start);
    }

    public static AreaFigures None { get; } = new([]);

    public IReadOnlyList<ObservedFigure> All { get; }

    public int Count => All.Count;

    public DateOnly? EarliestStart { get; }

    /// <summary>The figure submitted for exactly this window, if any.</summary>
    public ObservedFigure? For(Period window) => _byPeriod.GetValueOrDefault(window);

    /// <summary>The figures for shorter windows inside <paramref name="window"/> (not snapshots): what it may be tiled from.</summary>
    public IReadOnlyList<ObservedFigure> Within(Period window)
    {
        var within = new List<ObservedFigure>();
        // Ordered by start: skip to the window's first month, stop past its last.
        for (var i = FirstStartingOnOrAfter(window.Start); i < All.Count && All[i].Period.Start <= window.End; i++)
        {
            var period = All[i].Period;
            if (!period.IsSnapshot && period != window && period.End <= window.End)
            {
                within.Add(All[i]);
            }
        }

        return within;
    }

    /// <summary>The snapshots held, latest date first (stocks resolve to the latest at or before a window's end).</summary>
    public IReadOnlyList<ObservedFigure> SnapshotsNewestFirst =>
        _snapshotsNewestFirst ??= [.. All.Where(f => f.Period.IsSnapshot).OrderByDescending(f => f.Period.End)];

    private int FirstStartingOnOrAfter(DateOnly date)
    {
        int low = 0, high = All.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (All[middle].Period.Start < date)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}

/// <summary>
/// A force's figures as its Delivery Quarterly Report reads them: by measure, area and window, each
/// window's figure combined across the returns that hold it. Immutable, so a report can be built from
/// it while a newer one is made; <see cref="With"/> makes that newer one from a few changed returns,
/// rebuilding only the windows they touch.
/// </summary>
public sealed class ForceFigures
{
    private static readonly IReadOnlyDictionary<string, AreaFigures> NoAreas = new Dictionary<string, AreaFigures>(StringComparer.Ordinal);

    private readonly Dictionary<string, IReadOnlyDictionary<string, AreaFigures>> _byMeasure;
    private readonly MeasureCatalogue _catalogue;

    private ForceFigures(MeasureCatalogue catalogue, Dictionary<string, IReadOnlyDictionary<string, AreaFigures>> byMeasure)
    {
        _catalogue = catalogue;
        _byMeasure = byMeasure;
    }

    public static ForceFigures Empty(MeasureCatalogue catalogue) => new(catalogue, new Dictionary<string, IReadOnlyDictionary<string, AreaFigures>>(StringComparer.Ordinal));

    /// <summary>Figures of one measure by area code (no entry for an area without any).</summary>
    public IReadOnlyDictionary<string, AreaFigures> For(string measureId) => _byMeasure.GetValueOrDefault(measureId) ?? NoAreas;

    /// <summary>Every window any figure is held for.</summary>
    public IReadOnlySet<Period> Windows() =>
        _byMeasure.Values.SelectMany(areas => areas.Values).SelectMany(area => area.All).Select(f => f.Period).ToHashSet();

    /// <summary>Every row behind these figures, measure by measure and area by area in the order they were first met, so <see cref="From"/> makes the same figures again.</summary>
    public IEnumerable<ObservedRow> Rows() =>
        _byMeasure.Values.SelectMany(areas => areas.Values).SelectMany(area => area.All).SelectMany(figure => figure.Rows);

    public static ForceFigures From(MeasureCatalogue catalogue, IEnumerable<ObservedRow> rows)
    {
        // One pass into cells (measure, area, window), then one figure per cell: a force's first report
        // reads tens of thousands of rows, nearly every cell holding one.
        var cells = new Dictionary<string, Dictionary<string, Dictionary<Period, List<ObservedRow>>>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!cells.TryGetValue(row.MeasureId, out var areas))
            {
                cells.Add(row.MeasureId, areas = new Dictionary<string, Dictionary<Period, List<ObservedRow>>>(StringComparer.Ordinal));
            }

            if (!areas.TryGetValue(row.Figure.AreaCode, out var windows))
            {
                areas.Add(row.Figure.AreaCode, windows = []);
            }

            if (!windows.TryGetValue(row.Period, out var held))
            {
                windows.Add(row.Period, held = new List<ObservedRow>(1));
            }

            held.Add(row);
        }

        var byMeasure = new Dictionary<string, IReadOnlyDictionary<string, AreaFigures>>(cells.Count, StringComparer.Ordinal);
        foreach (var (measure, areas) in cells)
        {
            byMeasure.Add(measure, areas.ToDictionary(
                area => area.Key,
                area => Area(catalogue, measure, area.Value.Select(w => (w.Key, w.Value.Count == 1 ? w.Value : (IReadOnlyList<ObservedRow>)[.. w.Value.OrderBy(r => r.Order)]))),
                StringComparer.Ordinal));
        }

        return new ForceFigures(catalogue, byMeasure);
    }

    /// <summary>
    /// These figures with some returns' rows replaced: <paramref name="removedReturnIds"/> are the
    /// return ids (one per revision) whose rows go, <paramref name="added"/> the rows that come in.
    /// Only the windows either touches are combined again; everything else is shared with this instance.
    /// </summary>
    public ForceFigures With(IReadOnlySet<string> removedReturnIds, IReadOnlyList<(string MeasureId, string AreaCode, Period Period)> removedCells, IReadOnlyList<ObservedRow> added)
    {
        var touched = removedCells
            .Concat(added.Select(r => (r.MeasureId, r.Figure.AreaCode, r.Period)))
            .GroupBy(c => (c.MeasureId, c.AreaCode))
            .ToList();
        if (touched.Count == 0)
        {
            return this;
        }

        var addedByCell = added.ToLookup(r => (r.MeasureId, r.Figure.AreaCode, r.Period));
        var byMeasure = new Dictionary<string, IReadOnlyDictionary<string, AreaFigures>>(_byMeasure, StringComparer.Ordinal);
        foreach (var measure in touched.GroupBy(t => t.Key.MeasureId, StringComparer.Ordinal))
        {
            var areas = new Dictionary<string, AreaFigures>(For(measure.Key), StringComparer.Ordinal);
            foreach (var area in measure)
            {
                var held = areas.GetValueOrDefault(area.Key.AreaCode) ?? AreaFigures.None;
                var windows = area.Select(c => c.Period).ToHashSet();
                var cells = held.All.Where(f => !windows.Contains(f.Period)).Select(f => (f.Period, f.Rows))
                    .Concat(windows.Select(w => (Period: w, Rows: (IReadOnlyList<ObservedRow>)[..
                        (held.For(w)?.Rows ?? []).Where(r => !removedReturnIds.Contains(r.Figure.ReturnId)).Concat(addedByCell[(measure.Key, area.Key.AreaCode, w)]).OrderBy(r => r.Order)])))
                    .Where(c => c.Rows.Count > 0);
                var rebuilt = Area(_catalogue, measure.Key, cells);
                if (rebuilt.Count == 0)
                {
                    areas.Remove(area.Key.AreaCode);
                }
                else
                {
                    areas[area.Key.AreaCode] = rebuilt;
                }
            }

            byMeasure[measure.Key] = areas;
        }

        return new ForceFigures(_catalogue, byMeasure);
    }

    private static AreaFigures Area(MeasureCatalogue catalogue, string measureId, IEnumerable<(Period Period, IReadOnlyList<ObservedRow> Rows)> cells)
    {
        catalogue.TryGet(measureId, out var measure);
        var figures = cells.Select(c => Observed(measure, c.Period, c.Rows)).ToArray();
        Array.Sort(figures, static (a, b) => a.Period.Start != b.Period.Start ? a.Period.Start.CompareTo(b.Period.Start) : a.Period.End.CompareTo(b.Period.End));
        return new AreaFigures(figures);
    }

    private static ObservedFigure Observed(MeasureDefinition? measure, Period period, IReadOnlyList<ObservedRow> rows)
    {
        var figures = rows.Select(r => r.Figure).ToList();
        var combined = measure is not null ? CountyRollupQuery.Combine(measure, period, figures) : new CombinedFigure(figures[0], [], "");
        var sources = figures.Select(f => new FigureSource(f.AreaCode, period, f.ReturnId, f.Revision, f.Status, f.ReturnKey, combined.IsUsed(f), combined.Conflict)).ToList();
        return new ObservedFigure(period, combined.Figure, sources) { Rows = rows };
    }
}
