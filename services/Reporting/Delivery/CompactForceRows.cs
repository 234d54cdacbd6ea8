using System.Runtime.InteropServices;
using Partnership.Domain;
using Partnership.Reporting.Rollups;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// A force's rows as plain values, strings, windows and sources (return, revision, submission time)
/// held once each and referred to by number, and only the figure values that are present: a small
/// fraction of the memory of the <see cref="ForceFigures"/> made from them (no combined figures,
/// sources, dictionaries or per-row objects), so every force's rows can stay in memory while only the
/// most reported forces' figures do.
/// </summary>
/// <remarks>
/// The rows are kept sorted into cells (measure, area, window), measures and areas in the order they
/// were first met and windows in an area's order, as <see cref="ForceFigures.From"/> arranges the same
/// rows. So the figures made from them need no grouping, and combine a window only when a report first
/// asks for it (<see cref="IFigureCells"/>): a force's first report after a start pays for the windows
/// it shows, not for ten years of history.
/// </remarks>
internal sealed class CompactForceRows
{
    private const byte HasValue = 1, HasNumerator = 2, HasDenominator = 4;

    private readonly string[] _strings;
    private readonly Period[] _periods;
    private readonly Source[] _sources;
    private readonly decimal[] _values;
    private readonly Row[] _rows;

    // Cell c holds rows _cellStarts[c] to _cellStarts[c + 1]; an area's cells are consecutive.
    private readonly int[] _cellStarts;
    private readonly Group[] _groups;

    private CompactForceRows(string[] strings, Period[] periods, Source[] sources, decimal[] values, Row[] rows, int[] cellStarts, Group[] groups)
    {
        (_strings, _periods, _sources, _values, _rows, _cellStarts, _groups) = (strings, periods, sources, values, rows, cellStarts, groups);
    }

    public int Count => _rows.Length;

    /// <summary>The rows of these figures: those they were made from, when they are unchanged since.</summary>
    public static CompactForceRows Of(ForceFigures figures)
    {
        if (figures.MadeFrom is { } unchanged)
        {
            return unchanged;
        }

        var rows = figures.Rows().ToList();
        return Of(rows, rows.Count);
    }

    /// <summary>Rows as read: figures made from them are the figures <see cref="ForceFigures.From"/> makes of the same rows.</summary>
    public static CompactForceRows Of(IReadOnlyCollection<ObservedRow> observed) => Of(observed, observed.Count);

    private static CompactForceRows Of(IEnumerable<ObservedRow> observed, int count)
    {
        var strings = new Indexed<string>(StringComparer.Ordinal);
        var periods = new Indexed<Period>(EqualityComparer<Period>.Default);
        var sources = new Indexed<Source>(EqualityComparer<Source>.Default);
        var groups = new Indexed<(int Measure, int Area)>(EqualityComparer<(int, int)>.Default);
        var measures = new Indexed<int>(EqualityComparer<int>.Default);
        var values = new List<decimal>(count);
        // Sized exactly: a force's rows are read once and kept until its next report.
        var rows = new Row[count];
        var keys = new CellKey[count];
        var at = 0;
        foreach (var row in observed)
        {
            var figure = row.Figure;
            var valuesAt = values.Count;
            var present = (byte)(Present(figure.Figure.Value, HasValue, values) | Present(figure.Figure.Numerator, HasNumerator, values) | Present(figure.Figure.Denominator, HasDenominator, values));
            var source = sources.Of(new Source(strings.Of(figure.ReturnKey), strings.Of(figure.ReturnId), figure.Revision, figure.SubmittedAtMs));
            var (measure, area) = (strings.Of(row.MeasureId), strings.Of(figure.AreaCode));
            keys[at] = new CellKey(measures.Of(measure), groups.Of((measure, area)), row.Period, row.Order, at);
            rows[at++] = new Row(
                measure, periods.Of(row.Period), area, source, strings.Of(figure.Note), valuesAt, row.Order,
                present, (byte)figure.Status, (byte)figure.Confidentiality, (byte)figure.Trend);
        }

        // Measures in the order first met, a measure's areas in the order first met (the group's number
        // orders them: it was given when the pair was first met), then windows in an area's order and
        // a window's rows in the order they are combined in.
        Array.Sort(keys, static (a, b) =>
            a.Measure != b.Measure ? a.Measure.CompareTo(b.Measure)
            : a.Group != b.Group ? a.Group.CompareTo(b.Group)
            : ForceFigures.ByWindow(a.Period, b.Period) is var window and not 0 ? window
            : a.Order.CompareTo(b.Order));
        var sorted = new Row[count];
        var cellStarts = new List<int>();
        var cellGroups = new List<Group>();
        for (var i = 0; i < count; i++)
        {
            sorted[i] = rows[keys[i].Row];
            var newGroup = i == 0 || keys[i].Group != keys[i - 1].Group;
            if (newGroup || keys[i].Period != keys[i - 1].Period)
            {
                if (newGroup)
                {
                    cellGroups.Add(new Group(sorted[i].Measure, sorted[i].Area, cellStarts.Count));
                }

                cellStarts.Add(i);
            }
        }

        cellStarts.Add(count);
        return new CompactForceRows(strings.ToArray(), periods.ToArray(), sources.ToArray(), [.. values], sorted, [.. cellStarts], [.. cellGroups]);
    }

    /// <summary>The figures of these rows, each window combined when a report first asks for it.</summary>
    public ForceFigures ToFigures(MeasureCatalogue catalogue)
    {
        var byMeasure = new Dictionary<string, IReadOnlyDictionary<string, AreaFigures>>(StringComparer.Ordinal);
        var cells = new Cells(this, catalogue);
        for (var g = 0; g < _groups.Length; g++)
        {
            var group = _groups[g];
            var lastCell = g + 1 < _groups.Length ? _groups[g + 1].FirstCell : _cellStarts.Length - 1;
            var periods = new Period[lastCell - group.FirstCell];
            for (var c = 0; c < periods.Length; c++)
            {
                periods[c] = _periods[_rows[_cellStarts[group.FirstCell + c]].Period];
            }

            var measure = _strings[group.Measure];
            if (!byMeasure.TryGetValue(measure, out var areas))
            {
                byMeasure.Add(measure, areas = new Dictionary<string, AreaFigures>(StringComparer.Ordinal));
            }

            ((Dictionary<string, AreaFigures>)areas).Add(_strings[group.Area], new AreaFigures(periods, cells, group.FirstCell));
        }

        return ForceFigures.Lazy(catalogue, byMeasure, this);
    }

    private ObservedRow RowAt(int index)
    {
        var r = _rows[index];
        var source = _sources[r.Source];
        var at = r.ValuesAt;
        var figure = new Figure(
            (r.Present & HasValue) != 0 ? _values[at++] : null,
            (r.Present & HasNumerator) != 0 ? _values[at++] : null,
            (r.Present & HasDenominator) != 0 ? _values[at] : null);
        return new ObservedRow(
            _strings[r.Measure], _periods[r.Period],
            new SourcedFigure(_strings[r.Area], figure, (ObservationStatus)r.Status, (Confidentiality)r.Confidentiality, source.Revision, _strings[source.ReturnId],
                (Trend)r.Trend, _strings[r.Note], _strings[source.ReturnKey], source.SubmittedAtMs),
            r.Order);
    }

    private static byte Present(decimal? value, byte flag, List<decimal> values)
    {
        if (value is not { } present)
        {
            return 0;
        }

        // The decimal itself, not an equal one: 1.0 and 1.00 are equal but are written differently.
        values.Add(present);
        return flag;
    }

    /// <summary>The cells of these rows as the figures of one catalogue combine them.</summary>
    private sealed class Cells(CompactForceRows rows, MeasureCatalogue catalogue) : IFigureCells
    {
        public ObservedFigure Combine(int cell)
        {
            var observed = RowsOf(cell);
            catalogue.TryGet(observed[0].MeasureId, out var measure);
            return ForceFigures.Combine(measure, observed[0].Period, observed);
        }

        public IReadOnlyList<ObservedRow> RowsOf(int cell)
        {
            var (first, end) = (rows._cellStarts[cell], rows._cellStarts[cell + 1]);
            var observed = new ObservedRow[end - first];
            for (var i = first; i < end; i++)
            {
                observed[i - first] = rows.RowAt(i);
            }

            return observed;
        }

        public bool HoldsAny(int cell, IReadOnlySet<string> returnKeys)
        {
            for (var i = rows._cellStarts[cell]; i < rows._cellStarts[cell + 1]; i++)
            {
                if (returnKeys.Contains(rows._strings[rows._sources[rows._rows[i].Source].ReturnKey]))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>What a return's rows share: held once per return revision rather than on every row.</summary>
    private readonly record struct Source(int ReturnKey, int ReturnId, int Revision, long SubmittedAtMs);

    /// <summary>One area's cells of one measure: from <paramref name="FirstCell"/> to the next group's first.</summary>
    private readonly record struct Group(int Measure, int Area, int FirstCell);

    /// <summary>Where a row goes when the rows are sorted into cells.</summary>
    private readonly record struct CellKey(int Measure, int Group, Period Period, long Order, int Row);

    // Packed: 37 bytes rather than 48 on every one of a force's tens of thousands of rows.
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private readonly record struct Row(
        int Measure, int Period, int Area, int Source, int Note, int ValuesAt, long Order,
        byte Present, byte Status, byte Confidentiality, byte Trend);

    /// <summary>Distinct values numbered in the order first met.</summary>
    private sealed class Indexed<T>(IEqualityComparer<T> comparer)
        where T : notnull
    {
        private readonly Dictionary<T, int> _at = new(comparer);
        private readonly List<T> _values = [];

        public int Of(T value)
        {
            if (!_at.TryGetValue(value, out var at))
            {
                at = _values.Count;
                _at.Add(value, at);
                _values.Add(value);
            }

            return at;
        }

        public T[] ToArray() => [.. _values];
    }
}
