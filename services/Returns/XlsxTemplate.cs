using System.Globalization;
using ClosedXML.Excel;
using Partnership.Domain;

namespace Partnership.Returns;

/// <summary>
/// A template as an Excel workbook: the columns on a sheet named Return with the header frozen, the
/// rows it starts with, each column typed (text stays text, so Excel does not turn a period into a
/// date; figures are numbers, dates are dates, each checked by Excel as it is typed), and drop-downs
/// where a column takes one of a list.
/// </summary>
/// <param name="Rows">The rows the template starts with, in <paramref name="Columns"/>' order.</param>
public sealed record XlsxTemplate(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>The hidden sheet holding the drop-downs' lists: a list in a cell range has no length limit.</summary>
    public const string ListsSheetName = "Lists";

    /// <summary>Rows past the template's own that are typed and offer the drop-downs too, for rows a partner adds.</summary>
    public const int SpareRows = 200;

    public const string CountFormat = "#,##0";

    public const string FigureFormat = "#,##0.00";

    public const string TextFormat = "@";

    public const string DateFormat = "yyyy-mm-dd";

    /// <summary>Columns of whole numbers.</summary>
    public IReadOnlySet<string> Counts { get; init; } = new HashSet<string>();

    /// <summary>Columns of figures that may have decimals.</summary>
    public IReadOnlySet<string> Figures { get; init; } = new HashSet<string>();

    /// <summary>
    /// Rows (indexes into <see cref="Rows"/>) whose <see cref="Figures"/> cells hold a whole count: a
    /// return has one value column for every measure, and a count's row is typed as a count there.
    /// </summary>
    public IReadOnlySet<int> CountRows { get; init; } = new HashSet<int>();

    /// <summary>Columns of dates (a day, not a time).</summary>
    public IReadOnlySet<string> Dates { get; init; } = new HashSet<string>();

    /// <summary>Columns whose cells offer a drop-down of these values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Choices { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>A return's template: a row per measure, with the service's measure ids and the statuses as drop-downs.</summary>
    /// <param name="rows">A row per measure, in <paramref name="measures"/>' order.</param>
    public static XlsxTemplate ForReturn(IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<TemplateMeasure> measures) =>
        new(ReturnColumns.Template, rows)
        {
            Counts = new HashSet<string> { ReturnColumns.Numerator, ReturnColumns.Denominator },
            Figures = new HashSet<string> { ReturnColumns.Value },
            CountRows = Enumerable.Range(0, measures.Count).Where(i => measures[i].Unit == FigureDisplay.Count).ToHashSet(),
            Choices = new Dictionary<string, IReadOnlyList<string>>
            {
                [ReturnColumns.Measure] = [.. measures.Select(m => m.Id)],
                [ReturnColumns.Status] = [.. CsvRowReading.Statuses.Keys],
            },
        };

    public void Write(Stream output)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add(XlsxTable.SheetName);
        var lists = book.Worksheets.Add(ListsSheetName);
        var lastRow = Rows.Count + 1 + SpareRows;
        for (var c = 0; c < Columns.Count; c++)
        {
            var name = Columns[c];
            var column = c + 1;
            sheet.Cell(1, column).SetValue(name);
            var cells = sheet.Range(2, column, lastRow, column);
            foreach (var (first, last, kind) in Runs(name, lastRow))
            {
                var run = sheet.Range(first, column, last, column);
                run.Style.NumberFormat.Format = kind switch
                {
                    CellKind.Count => CountFormat,
                    CellKind.Figure => FigureFormat,
                    CellKind.Date => DateFormat,
                    _ => TextFormat,
                };
                Validate(run, name, kind);
            }

            if (Choices.TryGetValue(name, out var choices) && choices.Count > 0)
            {
                var listColumn = lists.LastColumnUsed() is { } used ? used.ColumnNumber() + 1 : 1;
                for (var i = 0; i < choices.Count; i++)
                {
                    lists.Cell(i + 1, listColumn).SetValue(choices[i]);
                }

                var validation = cells.SetDataValidation();
                validation.List(lists.Range(1, listColumn, choices.Count, listColumn), true);
                validation.ErrorTitle = name;
                validation.ErrorMessage = $"Choose a {name} from the list.";
            }

            for (var r = 0; r < Rows.Count; r++)
            {
                if (c < Rows[r].Count && Rows[r][c].Length > 0)
                {
                    SetValue(sheet.Cell(r + 2, column), name, Rows[r][c]);
                }
            }
        }

        var header = sheet.Row(1);
        header.Style.Font.Bold = true;
        header.Style.NumberFormat.Format = TextFormat;
        sheet.SheetView.FreezeRows(1);
        sheet.Columns(1, Columns.Count).Width = 18;
        sheet.Column(1).Width = 40;
        lists.Visibility = XLWorksheetVisibility.Hidden;
        book.SaveAs(output);
    }

    private enum CellKind
    {
        Text,
        Count,
        Figure,
        Date,
    }

    private CellKind KindOf(string name, int sheetRow) =>
        Counts.Contains(name) ? CellKind.Count
        : Figures.Contains(name) ? (CountRows.Contains(sheetRow - 2) ? CellKind.Count : CellKind.Figure)
        : Dates.Contains(name) ? CellKind.Date
        : CellKind.Text;

    /// <summary>The column's cells below the header as runs of one kind, each typed and checked as one range.</summary>
    private IEnumerable<(int First, int Last, CellKind Kind)> Runs(string name, int lastRow)
    {
        var first = 2;
        for (var row = 3; row <= lastRow + 1; row++)
        {
            if (row > lastRow || KindOf(name, row) != KindOf(name, first))
            {
                yield return (first, row - 1, KindOf(name, first));
                first = row;
            }
        }
    }

    // Excel refuses a typed value the column cannot hold as the partner types it, rather than at upload;
    // and a count's cell shows no decimals, so a fraction typed there must not pass as a rounded count.
    private static void Validate(IXLRange cells, string name, CellKind kind)
    {
        if (kind == CellKind.Count)
        {
            var validation = cells.SetDataValidation();
            validation.WholeNumber.EqualOrGreaterThan(0);
            validation.ErrorTitle = name;
            validation.ErrorMessage = $"The {name} is a whole number, 0 or more.";
        }
        else if (kind == CellKind.Figure)
        {
            var validation = cells.SetDataValidation();
            validation.Decimal.Between(-1e15, 1e15);
            validation.ErrorTitle = name;
            validation.ErrorMessage = $"The {name} is a number.";
        }
        else if (kind == CellKind.Date)
        {
            var validation = cells.SetDataValidation();
            validation.Date.Between(new DateTime(1900, 1, 1), new DateTime(9999, 12, 31));
            validation.ErrorTitle = name;
            validation.ErrorMessage = $"The {name} is a date (e.g. 2025-03-31).";
        }
    }

    /// <summary>A template's own value as the cell's type, so a filled-in date or count reads as one.</summary>
    private void SetValue(IXLCell cell, string name, string value)
    {
        if ((Counts.Contains(name) || Figures.Contains(name)) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            cell.SetValue(number);
        }
        else if (Dates.Contains(name) && DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            cell.SetValue(date);
        }
        else
        {
            cell.SetValue(value);
        }
    }
}
