using System.Globalization;
using System.Text;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Domain;
using Partnership.Returns;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Cli.Output;

/// <summary>
/// Writes a county rollup as a table for people or as full-precision CSV for spreadsheets. The CSV's
/// figures are in the scale its <c>unit</c> column names, one scale per unit: rates held as fractions
/// are written as percentages (unit <c>percent</c>); numerators and denominators stay counts.
/// </summary>
/// <param name="geography">Names the missing districts, which the rollup lists by code only.</param>
public sealed class RollupFormatter(Geography geography)
{
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "measure_id", "measure_name", "unit", "rule", "county_value", "numerator", "denominator", "source",
        "districts_included", "districts_missing", "provisional", "flags", "district_sum", "submitted_county_value", "explanation",
    ];

    /// <param name="width">The terminal's width, which the table fits; null for one line per measure.</param>
    public void WriteTable(CountyRollup rollup, TextWriter output, int? width = null)
    {
        output.WriteLine($"{rollup.ForceArea.Name} ({rollup.ForceArea.Code}), {rollup.Period.Label} ({rollup.Period.StartDate} to {rollup.Period.EndDate})");
        output.WriteLine();
        if (rollup.Measures.Count == 0)
        {
            output.WriteLine("No measures have figures for this area and period.");
            return;
        }

        string[] headings = ["Measure", "Name", "County value", "Flags", "Source", "Districts", "Missing", "Explanation"];
        var rows = rollup.Measures.Select(TableRow).ToList();
        TextTable.Write(output, headings, rows, width, new HashSet<int> { 2 });

        var provisional = rollup.Measures.Count(m => m.Provisional);
        output.WriteLine();
        output.WriteLine($"{rollup.Measures.Count} measures, {provisional} provisional.");
        if (rows.Any(r => r[3].Length > 0))
        {
            TextTable.WriteWrapped(output, StatusMarks.Legend, width);
        }
    }

    public static void WriteCsv(CountyRollup rollup, TextWriter output)
    {
        CsvWriter.WriteRow(output, CsvColumns);
        foreach (var m in rollup.Measures)
        {
            CsvWriter.WriteRow(output,
            [
                m.Measure.Id,
                m.Measure.Name,
                FigureDisplay.ScaleOf(m.Measure.Unit),
                RuleName(m.Measure.Rule),
                m.CountyValueSuppressed ? FigureFormat.Suppressed : FigureDisplay.Scaled(m.Measure.Unit, m.CountyValue?.ToDecimal()),
                FigureFormat.Full(m.CountyFraction?.Numerator?.ToDecimal()),
                FigureFormat.Full(m.CountyFraction?.Denominator?.ToDecimal()),
                SourceName(m.Source),
                string.Join(";", m.DistrictsIncluded),
                string.Join(";", m.DistrictsMissing),
                m.Provisional ? "true" : "false",
                StatusMarks.Words(Statuses(m)),
                m.DistrictSumSuppressed ? FigureFormat.Suppressed : FigureDisplay.Scaled(m.Measure.Unit, m.DistrictSum?.ToDecimal()),
                FigureDisplay.Scaled(m.Measure.Unit, m.SubmittedCountyValue?.ToDecimal()),
                m.Explanation,
            ]);
        }
    }

    private string[] TableRow(MeasureRollup m)
    {
        var unit = m.Measure.Unit;
        var expected = m.DistrictsIncluded.Count + m.DistrictsMissing.Count;
        return
        [
            m.Measure.Id,
            m.Measure.Name,
            m.CountyValueSuppressed ? FigureFormat.Suppressed : FigureFormat.Display(m.CountyValue?.ToDecimal(), unit),
            StatusMarks.Suffix(Statuses(m)).Trim(),
            SourceDisplay(m.Source),
            expected == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{m.DistrictsIncluded.Count} of {expected}"),
            MissingDistricts(m, expected),
            Explanation(m, unit),
        ];
    }

    /// <summary>The explanation, plus the figures the domain says are shown beside the county value.</summary>
    private static string Explanation(MeasureRollup m, string unit)
    {
        var text = new StringBuilder(m.Explanation);
        // Shown only when they add something: beside a county figure that is itself one of them, they are noise.
        if (m.DistrictSumSuppressed)
        {
            text.Append(text.Length > 0 ? "; " : "").Append("district sum ").Append(FigureFormat.Suppressed);
        }
        else if (m.DistrictSum is { } districtSum && districtSum.ToDecimal() != m.CountyValue?.ToDecimal())
        {
            text.Append(text.Length > 0 ? "; " : "").Append("district sum ").Append(FigureFormat.Display(districtSum.ToDecimal(), unit));
        }

        if (m.SubmittedCountyValue is { } submitted && submitted.ToDecimal() != m.CountyValue?.ToDecimal())
        {
            text.Append(text.Length > 0 ? "; " : "").Append("submitted county figure ").Append(FigureFormat.Display(submitted.ToDecimal(), unit));
        }

        return text.ToString();
    }

    /// <summary>
    /// The statuses the county figure is flagged with: those of the district figures in it, and
    /// provisional when a district is missing (the rollup marks itself provisional then).
    /// </summary>
    private static IEnumerable<ObservationStatus> Statuses(MeasureRollup m) =>
        m.Districts.Select(d => d.Status.ToDomain()).Concat(m.Provisional ? [ObservationStatus.Provisional] : []);

    private string MissingDistricts(MeasureRollup m, int expected) =>
        // A county-only figure has no district figures at all; naming every district would bury the table.
        m.DistrictsMissing.Count > 1 && m.DistrictsMissing.Count == expected
            ? string.Create(CultureInfo.InvariantCulture, $"all {expected} districts")
            : string.Join(", ", m.DistrictsMissing.Select(DistrictName));

    private string DistrictName(string code) =>
        geography.TryGet(code, out var area) ? $"{area.Name} ({code})" : code;

    private static string SourceDisplay(CountySource source) => source switch
    {
        CountySource.DistrictRollup => "districts",
        CountySource.SubmittedCountyFigure => "county figure",
        _ => "none",
    };

    private static string SourceName(CountySource source) => source switch
    {
        CountySource.DistrictRollup => "district_rollup",
        CountySource.SubmittedCountyFigure => "submitted_county_figure",
        _ => "none",
    };

    private static string RuleName(Proto.AggregationRule rule) => rule switch
    {
        Proto.AggregationRule.Sum => "sum",
        Proto.AggregationRule.Ratio => "ratio",
        Proto.AggregationRule.SnapshotSum => "snapshot_sum",
        Proto.AggregationRule.CountyOnly => "county_only",
        _ => "",
    };
}
