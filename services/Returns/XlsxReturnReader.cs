using Partnership.Domain;

namespace Partnership.Returns;

/// <summary>
/// Reads a partner's return from an Excel workbook: the sheet named Return (a template's), else the
/// first, with the same columns, checks and messages as <see cref="CsvReturnReader"/>. Every problem
/// names its cell as well as its row.
/// </summary>
public sealed class XlsxReturnReader(MeasureCatalogue? catalogue = null)
{
    /// <param name="returnPeriod">The period given with the return, which wins; otherwise the one period all rows share.</param>
    public CsvReadResult Read(Stream workbook, Period? returnPeriod = null)
    {
        var (problems, warnings) = (new List<CsvProblem>(), new List<CsvProblem>());
        var rows = XlsxTable.Read(workbook, ReturnColumns.Columns, problems, warnings, out var cells);
        return new CsvReturnReader(catalogue).FromRows(rows, problems, warnings, returnPeriod).LocatedBy(cells);
    }
}
