using System.Globalization;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;

namespace Partnership.Returns;

/// <summary>
/// Reads a return's worksheet as the rows of a CSV file would read: the first row with a value is the
/// header, each later row with a value is a record, and each typed cell becomes the text a partner
/// would have typed (a number as digits, a percentage cell with its % sign, a date as YYYY-MM-DD).
/// The CSV rules then check the rows, so a workbook and a CSV file report the same messages; the
/// problems then name the cell (<c>Return!C7</c>) as well as the row.
/// </summary>
public static partial class XlsxTable
{
    /// <summary>The sheet a template writes the return on, and the one read when a workbook has several.</summary>
    public const string SheetName = "Return";

    /// <summary>The file names read as workbooks.</summary>
    public static bool IsWorkbookName(string path) =>
        Path.GetExtension(path).ToUpperInvariant() is ".XLSX" or ".XLSM";

    /// <summary>
    /// The sheet's rows; null when the workbook cannot be read or the header is broken. <paramref name="sheet"/>
    /// points every problem, the reader's and any found later, at its cell.
    /// </summary>
    public static IReadOnlyList<CsvRow>? Read(Stream workbook, CsvColumns columns, List<CsvProblem> problems, List<CsvProblem> warnings, out SheetCells sheet)
    {
        sheet = SheetCells.None;
        XLWorkbook book;
        try
        {
            if (workbook.CanSeek && workbook.Length > CsvRecordReader.MaxCharacters)
            {
                problems.Add(new CsvProblem(0, null, $"the workbook passes {CsvRecordReader.MaxCharacters:N0} bytes, the most a return may hold; split it"));
                return null;
            }

            book = new XLWorkbook(workbook);
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or IOException or FormatException)
        {
            problems.Add(new CsvProblem(0, null, "this is not an Excel workbook (.xlsx) that can be read; save it again from Excel as an .xlsx, or as CSV UTF-8"));
            return null;
        }

        using (book)
        {
            var worksheet = book.Worksheets.FirstOrDefault(w => w.Name.Equals(SheetName, StringComparison.OrdinalIgnoreCase))
                ?? book.Worksheets.FirstOrDefault(w => w.Visibility == XLWorksheetVisibility.Visible)
                ?? book.Worksheets.First();
            var records = Records(worksheet, out var headerRow);
            sheet = new SheetCells(worksheet.Name, headerRow);
            return CsvTable.FromRecords(records, columns, CsvDelimiter.Comma, problems, warnings);
        }
    }

    private static CsvRecords Records(IXLWorksheet worksheet, out CsvRecord? header)
    {
        header = null;
        var records = new List<CsvRecord>();
        var lastRow = worksheet.LastRowUsed()?.RowNumber() ?? 0;
        var width = worksheet.LastColumnUsed()?.ColumnNumber() ?? 0;
        if (width > CsvRecordReader.MaxFieldsPerRecord)
        {
            return new CsvRecords(records, 0, 0, new CsvSyntaxError(1, 0, $"the sheet has a value in column {width:N0}; a return has at most {CsvRecordReader.MaxFieldsPerRecord:N0} columns"));
        }

        for (var row = 1; row <= lastRow; row++)
        {
            var fields = new string[width];
            var errors = new List<CsvSyntaxError>();
            for (var column = 1; column <= width; column++)
            {
                var text = Text(worksheet.Cell(row, column));
                if (text.Length > CsvRecordReader.MaxFieldLength)
                {
                    errors.Add(new CsvSyntaxError(row, column - 1, $"is longer than {CsvRecordReader.MaxFieldLength:N0} characters"));
                    text = "";
                }

                fields[column - 1] = text;
            }

            // A template formats rows it leaves empty; they are not records.
            if (errors.Count == 0 && fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (records.Count > CsvRecordReader.MaxRecords)
            {
                return new CsvRecords(records, 0, 0, new CsvSyntaxError(row, 0, $"the sheet passes {CsvRecordReader.MaxRecords:N0} rows, the most a return may hold, on this row; split it"));
            }

            records.Add(new CsvRecord(row, fields, errors));
            header ??= records[0];
        }

        return new CsvRecords(records, 0, 0, null);
    }

    /// <summary>The text a partner would have typed for the cell's value; a formula gives the value Excel last worked out.</summary>
    private static string Text(IXLCell cell)
    {
        if (cell.IsEmpty())
        {
            return "";
        }

        var value = cell.HasFormula ? cell.CachedValue : cell.Value;
        return value switch
        {
            null => "",
            double number => Number(number, cell.Style.NumberFormat),
            DateTime date => date.TimeOfDay == TimeSpan.Zero
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            bool flag => flag ? "TRUE" : "FALSE",
            IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }

    /// <summary>A number in a percentage cell is a fraction (64.5% is 0.645): it reads as the percentage it shows.</summary>
    private static string Number(double number, IXLNumberFormat format)
    {
        if (double.IsNaN(number) || double.IsInfinity(number) || Math.Abs(number) > 1e20)
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        var exact = (decimal)number;
        // Excel's built-in formats 9 and 10 (0% and 0.00%) have an id and no format text.
        return format.NumberFormatId is 9 or 10 || PercentFormat().IsMatch(format.Format ?? "")
            ? (exact * 100).ToString("0.############", CultureInfo.InvariantCulture) + "%"
            : exact.ToString("0.############", CultureInfo.InvariantCulture);
    }

    // A % outside quotes and brackets: "0.0%" is a percentage, "0.0\" %\"" is not.
    [GeneratedRegex("""^(?:[^"\\\[]|\\.|"[^"]*"|\[[^\]]*\])*%""")]
    private static partial Regex PercentFormat();
}
