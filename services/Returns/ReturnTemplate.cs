using Partnership.Domain;

namespace Partnership.Returns;

/// <summary>A measure a template has a row for.</summary>
/// <param name="SnapshotOnly">A stock counted on a date: its row is dated at the end of the template's window.</param>
public sealed record TemplateMeasure(string Id, string Unit, bool SnapshotOnly = false);

/// <summary>
/// A service's empty return, one row per measure, as CSV or an Excel workbook: the one template the
/// CLI writes and the partner portal offers for download.
/// </summary>
public sealed record ReturnTemplate(IReadOnlyList<TemplateMeasure> Measures, string Area, Period? Period)
{
    /// <summary>
    /// The catalogue's measures for a service's return. Derived rates are the aggregator's to compute,
    /// never a row to fill in. Where several partners report for one area (<paramref name="bySource"/>:
    /// commissioned providers), a provider's template holds the force-level measures and the force's the rest.
    /// </summary>
    public static IReadOnlyList<TemplateMeasure> FromCatalogue(MeasureCatalogue catalogue, string service, bool bySource = false, string source = "") =>
        [
            .. catalogue.ForService(service)
                .Where(m => !m.IsDerived && (!bySource || (m.Level == SubmissionLevel.Force) == (source.Length > 0)))
                .Select(m => new TemplateMeasure(m.Id, m.Unit, m.Cadences is [PeriodKind.Snapshot])),
        ];

    public IReadOnlyList<IReadOnlyList<string>> Rows =>
        [
            .. Measures.Select(measure =>
            {
                var rowPeriod = Period is { } window && measure.SnapshotOnly && !window.IsSnapshot ? Domain.Period.Snapshot(window.End).Label : Period?.Label ?? "";
                return (IReadOnlyList<string>)[measure.Id, Area, rowPeriod, .. Enumerable.Repeat("", ReturnColumns.Template.Count - 3)];
            }),
        ];

    /// <summary>The template cannot say in its cells which figure each row needs, so this says it beside them.</summary>
    public string Guidance
    {
        get
        {
            var ratios = Measures.Where(m => m.Unit == "ratio").Select(m => m.Id).ToList();
            return "Fill in 'value' for counts and percentages"
                + (ratios.Count > 0 ? $", 'numerator' and 'denominator' for the ratios ({string.Join(", ", ratios)})." : ".");
        }
    }

    public void WriteCsv(TextWriter writer)
    {
        CsvWriter.WriteRow(writer, ReturnColumns.Template);
        foreach (var row in Rows)
        {
            CsvWriter.WriteRow(writer, row);
        }
    }

    public void WriteWorkbook(Stream output) => XlsxTemplate.ForReturn(Rows, Measures).Write(output);
}
