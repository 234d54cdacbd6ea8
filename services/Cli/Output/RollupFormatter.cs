using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Domain;
using Partnership.Returns;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Cli.Output;

/// <summary>
/// Writes a county rollup as a table for people, as full-precision CSV for spreadsheets, or as an Excel
/// workbook. The CSV's figures are in the scale its <c>unit</c> column names, one scale per unit: rates
/// held as fractions are written as percentages (unit <c>percent</c>); numerators and denominators stay
/// counts. The workbook's figures are numbers with their unit's number format (rates as Excel
/// percentages), so a partner can sum and chart them without reading text back as figures.
/// </summary>
/// <param name="geography">Names the missing districts, which the rollup lists by code only.</param>
public sealed class RollupFormatter(Geography geography)
{
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "measure_id", "measure_name", "unit", "rule", "county_value", "numerator", "denominator", "source",
        "districts_included", "districts_missing", "provisional", "flags", "district_sum", "submitted_county_value", "explanation",
    ];

    public const string WorkbookSheet = "Rollup";

    public const string CountFormat = "#,##0";
    public const string PercentFormat = "0.0%";
    public const string DaysFormat = "0.0\" days\"";
    public const string WeeksFormat = "0.0\" weeks\"";
    public const string PerThousandFormat = "0.0\" per 1,000\"";

    public static IReadOnlyList<string> WorkbookColumns { get; } =
    [
        "Measure", "Name", "County value", "Numerator", "Denominator", "District sum", "Submitted county figure",
        "Flags", "Source", "Districts included", "Districts expected", "Missing districts", "Explanation",
    ];

    private static readonly int[] WorkbookWidths = [36, 40, 14, 12, 12, 14, 14, 14, 14, 10, 10, 40, 48];

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

    /// <summary>
    /// One sheet, a row per measure in the rollup's (plan) order under a frozen header. A withheld figure
    /// is the text "*" and a missing county figure "n/a", as in the table; an absent numerator, district
    /// sum or submitted figure is an empty cell.
    /// </summary>
    public void WriteWorkbook(CountyRollup rollup, Stream output)
    {
        using var book = new XLWorkbook();
        book.Properties.Title = $"County rollup: {rollup.ForceArea.Name} ({rollup.ForceArea.Code}), {rollup.Period.Label}";
        var sheet = book.Worksheets.Add(WorkbookSheet);
        for (var c = 0; c < WorkbookColumns.Count; c++)
        {
            Text(sheet.Cell(1, c + 1), WorkbookColumns[c]);
            sheet.Column(c + 1).Width = WorkbookWidths[c];
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        var r = 2;
        foreach (var m in rollup.Measures)
        {
            var unit = m.Measure.Unit;
            Text(sheet.Cell(r, 1), m.Measure.Id);
            Text(sheet.Cell(r, 2), m.Measure.Name);
            Figure(sheet.Cell(r, 3), unit, m.CountyValue?.ToDecimal(), m.CountyValueSuppressed, FigureFormat.NotAvailable);
            Figure(sheet.Cell(r, 4), FigureDisplay.Count, m.CountyFraction?.Numerator?.ToDecimal(), suppressed: false, missing: "");
            Figure(sheet.Cell(r, 5), FigureDisplay.Count, m.CountyFraction?.Denominator?.ToDecimal(), suppressed: false, missing: "");
            Figure(sheet.Cell(r, 6), unit, m.DistrictSum?.ToDecimal(), m.DistrictSumSuppressed, missing: "");
            Figure(sheet.Cell(r, 7), unit, m.SubmittedCountyValue?.ToDecimal(), suppressed: false, missing: "");
            Text(sheet.Cell(r, 8), StatusMarks.Words(Statuses(m)));
            Text(sheet.Cell(r, 9), SourceDisplay(m.Source));
            var expected = m.DistrictsIncluded.Count + m.DistrictsMissing.Count;
            if (expected > 0)
            {
                Number(sheet.Cell(r, 10), m.DistrictsIncluded.Count, CountFormat);
                Number(sheet.Cell(r, 11), expected, CountFormat);
            }

            Text(sheet.Cell(r, 12), MissingDistricts(m, expected));
            Text(sheet.Cell(r, 13), m.Explanation);
            r++;
        }

        book.SaveAs(output);
    }

    // A rate held as a fraction (0.841) is already what Excel shows as 84.1%; a figure in percent (84.1) is not.
    private static void Figure(IXLCell cell, string unit, decimal? value, bool suppressed, string missing)
    {
        if (suppressed || value is null)
        {
            Text(cell, suppressed ? FigureFormat.Suppressed : missing);
            return;
        }

        Number(cell, unit == FigureDisplay.Percent ? value.Value / 100m : value.Value, NumberFormat(unit));
    }

    private static string NumberFormat(string unit) => FigureDisplay.ScaleOf(unit) switch
    {
        FigureDisplay.Percent => PercentFormat,
        FigureDisplay.Days => DaysFormat,
        FigureDisplay.Weeks => WeeksFormat,
        FigureDisplay.PerThousand => PerThousandFormat,
        _ => CountFormat,
    };

    private static void Number(IXLCell cell, decimal value, string format)
    {
        cell.SetValue(value);
        cell.Style.NumberFormat.Format = format;
    }

    // Text stays text: an explanation that starts with "=" or looks like a number is not evaluated or converted.
    private static void Text(IXLCell cell, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
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
