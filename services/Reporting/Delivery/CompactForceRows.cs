using Partnership.Domain;
using Partnership.Reporting.Rollups;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// A force's rows as plain values, strings and windows held once each and referred to by number: about
/// a tenth of the memory of the <see cref="ForceFigures"/> made from them (no combined figures, sources,
/// dictionaries or per-row objects), so every force's rows can stay in memory while only the most
/// reported forces' figures do. Rows keep the order they had in the figures they were taken from, so
/// figures made again from them are the same, dictionary order included.
/// </summary>
internal sealed class CompactForceRows
{
    private readonly string[] _strings;
    private readonly Period[] _periods;
    private readonly Row[] _rows;

    private CompactForceRows(string[] strings, Period[] periods, Row[] rows)
    {
        _strings = strings;
        _periods = periods;
        _rows = rows;
    }

    public int Count => _rows.Length;

    public static CompactForceRows Of(ForceFigures figures) => Of(figures.Rows());

    /// <summary>Rows as read: figures made from them are the figures <see cref="ForceFigures.From"/> makes of the same rows.</summary>
    public static CompactForceRows Of(IEnumerable<ObservedRow> observed)
    {
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var periods = new Dictionary<Period, int>();
        int String(string value) => strings.TryGetValue(value, out var at) ? at : strings[value] = strings.Count;
        int PeriodOf(Period value) => periods.TryGetValue(value, out var at) ? at : periods[value] = periods.Count;
        var rows = new List<Row>();
        foreach (var row in observed)
        {
            var figure = row.Figure;
            rows.Add(new Row(
                String(row.MeasureId), PeriodOf(row.Period), String(figure.AreaCode), figure.Figure, figure.Status, figure.Confidentiality,
                figure.Revision, String(figure.ReturnId), figure.Trend, String(figure.Note), String(figure.ReturnKey), figure.SubmittedAtMs, row.Order));
        }

        return new CompactForceRows([.. strings.OrderBy(s => s.Value).Select(s => s.Key)], [.. periods.OrderBy(p => p.Value).Select(p => p.Key)], [.. rows]);
    }

    public ForceFigures ToFigures(MeasureCatalogue catalogue) => ForceFigures.From(catalogue, _rows.Select(r => new ObservedRow(
        _strings[r.Measure], _periods[r.Period],
        new SourcedFigure(_strings[r.Area], r.Figure, r.Status, r.Confidentiality, r.Revision, _strings[r.ReturnId], r.Trend, _strings[r.Note], _strings[r.ReturnKey], r.SubmittedAtMs),
        r.Order)));

    private readonly record struct Row(
        int Measure, int Period, int Area, Figure Figure, ObservationStatus Status, Confidentiality Confidentiality,
        int Revision, int ReturnId, Trend Trend, int Note, int ReturnKey, long SubmittedAtMs, long Order);
}
