using Partnership.Domain;
using Partnership.Reporting.Rollups;

namespace Partnership.Reporting.Delivery;

/// <summary>A figure as the read model holds it: one return's observation of a measure for an area and window.</summary>
/// <param name="Order">Where the row stands among the rows of its cell (the read model's row id), so combining several returns' rows always takes them in the same order.</param>
public sealed record ObservedRow(string MeasureId, Period Period, SourcedFigure Figure, long Order = 0);

/// <summary>
/// Where a lazily made <see cref="AreaFigures"/> takes its figures from: cells numbered from 0, each
/// one window's rows, combined only when a report first asks for the window.
/// </summary>
internal interface IFigureCells
{
    ObservedFigure Combine(int cell);

    /// <summary>The cell's rows, without combining them.</summary>
    IReadOnlyList<ObservedRow> RowsOf(int cell);

    /// <summary>Whether any row of the cell is of one of these returns, without combining it.</summary>
    bool HoldsAny(int cell, IReadOnlySet<string> returnKeys);
}

/// <summary>One area's figures of one measure, each window once, looked up by window.</summary>
/// <remarks>
/// Made either of figures already combined, or lazily from cells (<see cref="IFigureCells"/>): a
/// report asks for a fraction of a force's windows (the quarter, its comparisons and the series, not
/// ten years of history), so a force's first report combines only those. A window's figure is
/// combined once and published atomically, so reports sharing these figures see the same instance.
/// </remarks>
public sealed class AreaFigures
{
    // Ordered by window (start, then end), so a window is found by halving and tiling meets candidates in the same order.
    private readonly Period[] _periods;
    private readonly ObservedFigure?[] _figures;
    private readonly IFigureCells? _cells;
    private readonly int _firstCell;
    private IReadOnlyList<ObservedFigure>? _snapshotsNewestFirst;
    private int _complete;

    /// <param name="figures">One figure per window, ordered by window (start, then end), so tiling always meets candidates in the same order.</param>
    public AreaFigures(IReadOnlyList<ObservedFigure> figures)
    {
        _figures = [.. figures];
        _periods = [.. figures.Select(f => f.Period)];
        _complete = 1;
    }

    /// <param name="periods">The window of each cell from <paramref name="firstCell"/> on, ordered by window (start, then end).</param>
    internal AreaFigures(Period[] periods, IFigureCells cells, int firstCell)
    {
        _periods = periods;
        _figures = new ObservedFigure?[periods.Length];
        (_cells, _firstCell) = (cells, firstCell);
    }

    public static AreaFigures None { get; } = new([]);

    /// <summary>Every figure, each combined now if it was not yet.</summary>
    public IReadOnlyList<ObservedFigure> All
    {
        get
        {
            if (Volatile.Read(ref _complete) == 0)
            {
                for (var i = 0; i < _figures.Length; i++)
                {
                    At(i);
                }

                Volatile.Write(ref _complete, 1);
            }

            return _figures!;
        }
    }

    /// <summary>The windows figures are held for, without combining any.</summary>
    public IReadOnlyList<Period> Periods => _periods;

    public int Count => _periods.Length;

    public DateOnly? EarliestStart => _periods.Length == 0 ? null : _periods[0].Start;

    /// <summary>The figure submitted for exactly this window, if any.</summary>
    public ObservedFigure? For(Period window)
    {
        for (var i = FirstStartingOnOrAfter(window.Start); i < _periods.Length && _periods[i].Start == window.Start; i++)
        {
            if (_periods[i] == window)
            {
                return At(i);
            }
        }

        return null;
    }

    /// <summary>The figures for shorter windows inside <paramref name="window"/> (not snapshots): what it may be tiled from.</summary>
    public IReadOnlyList<ObservedFigure> Within(Period window)
    {
        // Made only when there is one: every exact figure of a longer window asks, and most have none within.
        List<ObservedFigure>? within = null;
        // Ordered by start: skip to the window's first month, stop past its last.
        for (var i = FirstStartingOnOrAfter(window.Start); i < _periods.Length && _periods[i].Start <= window.End; i++)
        {
            var period = _periods[i];
            if (!period.IsSnapshot && period != window && period.End <= window.End)
            {
                (within ??= []).Add(At(i));
            }
        }

        return within ?? (IReadOnlyList<ObservedFigure>)[];
    }

    /// <summary>The snapshots held, latest date first (stocks resolve to the latest at or before a window's end).</summary>
    public IReadOnlyList<ObservedFigure> SnapshotsNewestFirst =>
        _snapshotsNewestFirst ??= [.. Enumerable.Range(0, _periods.Length).Where(i => _periods[i].IsSnapshot).OrderByDescending(i => _periods[i].End).Select(At)];

    /// <summary>The rows behind every window, in window order, without combining a window not yet combined.</summary>
    public IEnumerable<ObservedRow> Rows() =>
        Enumerable.Range(0, _periods.Length).SelectMany(i => Volatile.Read(ref _figures[i])?.Rows ?? _cells!.RowsOf(_firstCell + i));

    /// <summary>Whether the figure of the window at <paramref name="index"/> has been combined.</summary>
    internal bool IsCombined(int index) => Volatile.Read(ref _figures[index]) is not null;

    /// <summary>Whether a figure of this window is made from a row of one of these returns; figures not yet combined stay so.</summary>
    internal bool HoldsAny(int index, IReadOnlySet<string> returnKeys) =>
        Volatile.Read(ref _figures[index]) is { } figure
            ? figure.Rows.Any(r => returnKeys.Contains(r.Figure.ReturnKey))
            : _cells!.HoldsAny(_firstCell + index, returnKeys);

    private ObservedFigure At(int index)
    {
        if (Volatile.Read(ref _figures[index]) is { } figure)
        {
            return figure;
        }

        // Two reports may combine the same window at once; the first to finish is the one both keep.
        var combined = _cells!.Combine(_firstCell + index);
        return Interlocked.CompareExchange(ref _figures[index], combined, null) ?? combined;
    }

    private int FirstStartingOnOrAfter(DateOnly date)
    {
        int low = 0, high = _periods.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_periods[middle].Start < date)
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

    private ForceFigures(MeasureCatalogue catalogue, Dictionary<string, IReadOnlyDictionary<string, AreaFigures>> byMeasure, CompactForceRows? madeFrom = null)
    {
        _catalogue = catalogue;
        _byMeasure = byMeasure;
        MadeFrom = madeFrom;
    }

    /// <summary>The compact rows these figures were made from, as they are (none once patched): they need not be compacted again.</summary>
    internal CompactForceRows? MadeFrom { get; }

    public static ForceFigures Empty(MeasureCatalogue catalogue) => new(catalogue, new Dictionary<string, IReadOnlyDictionary<string, AreaFigures>>(StringComparer.Ordinal));

    /// <summary>Figures of one measure by area code (no entry for an area without any).</summary>
    public IReadOnlyDictionary<string, AreaFigures> For(string measureId) => _byMeasure.GetValueOrDefault(measureId) ?? NoAreas;

    /// <summary>Every window any figure is held for.</summary>
    public IReadOnlySet<Period> Windows() =>
        _byMeasure.Values.SelectMany(areas => areas.Values).SelectMany(area => area.Periods).ToHashSet();

    /// <summary>Every row behind these figures, measure by measure and area by area in the order they were first met, so <see cref="From"/> makes the same figures again.</summary>
    public IEnumerable<ObservedRow> Rows() =>
        _byMeasure.Values.SelectMany(areas => areas.Values).SelectMany(area => area.Rows());

    /// <summary>The cells (measure, area, window) with a row of one of these returns, found without combining any cell not yet combined.</summary>
    public IReadOnlyList<(string MeasureId, string AreaCode, Period Period)> CellsHolding(IReadOnlySet<string> returnKeys)
    {
        var cells = new List<(string, string, Period)>();
        foreach (var (measure, areas) in _byMeasure)
        {
            foreach (var (area, figures) in areas)
            {
                for (var i = 0; i < figures.Count; i++)
                {
                    if (figures.HoldsAny(i, returnKeys))
                    {
                        cells.Add((measure, area, figures.Periods[i]));
                    }
                }
            }
        }

        return cells;
    }

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
            catalogue.TryGet(measure, out var definition);
            byMeasure.Add(measure, areas.ToDictionary(
                area => area.Key,
                area => Area([.. area.Value.Select(w => Combine(definition, w.Key, w.Value.Count == 1 ? w.Value : [.. w.Value.OrderBy(r => r.Order)]))]),
                StringComparer.Ordinal));
        }

        return new ForceFigures(catalogue, byMeasure);
    }

    /// <summary>Figures whose areas combine their windows when first asked (<see cref="CompactForceRows.ToFigures"/>).</summary>
    internal static ForceFigures Lazy(MeasureCatalogue catalogue, Dictionary<string, IReadOnlyDictionary<string, AreaFigures>> byMeasure, CompactForceRows madeFrom) =>
        new(catalogue, byMeasure, madeFrom);

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
            _catalogue.TryGet(measure.Key, out var definition);
            var areas = new Dictionary<string, AreaFigures>(For(measure.Key), StringComparer.Ordinal);
            foreach (var area in measure)
            {
                var held = areas.GetValueOrDefault(area.Key.AreaCode) ?? AreaFigures.None;
                var windows = area.Select(c => c.Period).ToHashSet();
                // Windows the change does not touch keep their figures as they are.
                var figures = held.All.Where(f => !windows.Contains(f.Period))
                    .Concat(windows
                        .Select(w => (Window: w, Rows: (IReadOnlyList<ObservedRow>)[..
                            (held.For(w)?.Rows ?? []).Where(r => !removedReturnIds.Contains(r.Figure.ReturnId)).Concat(addedByCell[(measure.Key, area.Key.AreaCode, w)]).OrderBy(r => r.Order)]))
                        .Where(c => c.Rows.Count > 0)
                        .Select(c => Combine(definition, c.Window, c.Rows)))
                    .ToArray();
                if (figures.Length == 0)
                {
                    areas.Remove(area.Key.AreaCode);
                }
                else
                {
                    areas[area.Key.AreaCode] = Area(figures);
                }
            }

            byMeasure[measure.Key] = areas;
        }

        return new ForceFigures(_catalogue, byMeasure);
    }

    /// <summary>One window's figure of an area, combined from the rows of the returns that claim it (in row order).</summary>
    internal static ObservedFigure Combine(MeasureDefinition? measure, Period period, IReadOnlyList<ObservedRow> rows)
    {
        if (rows.Count == 1)
        {
            // One return's figure, nearly every cell: nothing to resolve or add up, it is the figure, used.
            var only = rows[0].Figure;
            return new ObservedFigure(period, only, [new FigureSource(only.AreaCode, period, only.ReturnId, only.Revision, only.Status, only.ReturnKey)]) { Rows = rows };
        }

        var figures = rows.Select(r => r.Figure).ToList();
        var combined = measure is not null ? CountyRollupQuery.Combine(measure, period, figures) : new CombinedFigure(figures[0], [], "");
        var sources = figures.Select(f => new FigureSource(f.AreaCode, period, f.ReturnId, f.Revision, f.Status, f.ReturnKey, combined.IsUsed(f), combined.Conflict)).ToList();
        return new ObservedFigure(period, combined.Figure, sources) { Rows = rows };
    }

    private static AreaFigures Area(ObservedFigure[] figures)
    {
        Array.Sort(figures, static (a, b) => ByWindow(a.Period, b.Period));
        return new AreaFigures(figures);
    }

    /// <summary>The order of an area's windows: by start, then end.</summary>
    internal static int ByWindow(Period a, Period b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End);
}
