using System.Runtime.InteropServices;
using Partnership.Domain;
using Partnership.Reporting.Rollups;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// A force's rows as plain values, strings, windows and sources (return, revision, submission time)
/// held once each and referred to by number, and only the figure values that are present: a small
/// fraction of the memory of the <see cref="ForceFigures"/> made from them (no combined figures,
/// sources, dictionaries or per-row objects), so every force's rows can stay in memory while only the
/// most reported forces' figures do. Rows keep the order they had in the figures they were taken from,
/// so figures made again from them are the same, dictionary order included.
/// </summary>
internal sealed class CompactForceRows
{
    private const byte HasValue = 1, HasNumerator = 2, HasDenominator = 4;

    private readonly string[] _strings;
    private readonly Period[] _periods;
    private readonly Source[] _sources;
    private readonly decimal[] _values;
    private readonly Row[] _rows;

    private CompactForceRows(string[] strings, Period[] periods, Source[] sources, decimal[] values, Row[] rows)
    {
        (_strings, _periods, _sources, _values, _rows) = (strings, periods, sources, values, rows);
    }

    public int Count => _rows.Length;

    public static CompactForceRows Of(ForceFigures figures) => Of(figures.Rows(), figures.Rows().Count());

    /// <summary>Rows as read: figures made from them are the figures <see cref="ForceFigures.From"/> makes of the same rows.</summary>
    public static CompactForceRows Of(IReadOnlyCollection<ObservedRow> observed) => Of(observed, observed.Count);

    private static CompactForceRows Of(IEnumerable<ObservedRow> observed, int count)
    {
        var strings = new Indexed<string>(StringComparer.Ordinal);
        var periods = new Indexed<Period>(EqualityComparer<Period>.Default);
        var sources = new Indexed<Source>(EqualityComparer<Source>.Default);
        var values = new List<decimal>(count);
        // Sized exactly: a force's rows are read once and kept until its next report.
        var rows = new Row[count];
        var at = 0;
        foreach (var row in observed)
        {
            var figure = row.Figure;
            var valuesAt = values.Count;
            var present = (byte)(Present(figure.Figure.Value, HasValue, values) | Present(figure.Figure.Numerator, HasNumerator, values) | Present(figure.Figure.Denominator, HasDenominator, values));
            var source = sources.Of(new Source(strings.Of(figure.ReturnKey), strings.Of(figure.ReturnId), figure.Revision, figure.SubmittedAtMs));
            rows[at++] = new Row(
                strings.Of(row.MeasureId), periods.Of(row.Period), strings.Of(figure.AreaCode), source, strings.Of(figure.Note), valuesAt, row.Order,
                present, (byte)figure.Status, (byte)figure.Confidentiality, (byte)figure.Trend);
        }

        return new CompactForceRows(strings.ToArray(), periods.ToArray(), sources.ToArray(), [.. values], rows);
    }

    public ForceFigures ToFigures(MeasureCatalogue catalogue) => ForceFigures.From(catalogue, _rows.Select(r =>
    {
        var source = _sources[r.Source];
        var at = r.ValuesAt;
        decimal? Next(byte flag) => (r.Present & flag) != 0 ? _values[at++] : null;
        var figure = new Figure(Next(HasValue), Next(HasNumerator), Next(HasDenominator));
        return new ObservedRow(
            _strings[r.Measure], _periods[r.Period],
            new SourcedFigure(_strings[r.Area], figure, (ObservationStatus)r.Status, (Confidentiality)r.Confidentiality, source.Revision, _strings[source.ReturnId],
                (Trend)r.Trend, _strings[r.Note], _strings[source.ReturnKey], source.SubmittedAtMs),
            r.Order);
    }));

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

    /// <summary>What a return's rows share: held once per return revision rather than on every row.</summary>
    private readonly record struct Source(int ReturnKey, int ReturnId, int Revision, long SubmittedAtMs);

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
