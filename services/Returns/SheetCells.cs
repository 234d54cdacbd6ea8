using System.Text.RegularExpressions;
using ClosedXML.Excel;

namespace Partnership.Returns;

/// <summary>Names the cell of a problem found in a worksheet's rows, by its row and the header's column.</summary>
public sealed partial class SheetCells
{
    public static SheetCells None { get; } = new(null, null);

    private readonly string? _sheet;
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _headerRow;

    public SheetCells(string? sheet, CsvRecord? header)
    {
        _sheet = sheet is null ? null : Quoted(sheet);
        if (header is null)
        {
            return;
        }

        _headerRow = header.Line;
        for (var i = 0; i < header.Fields.Count; i++)
        {
            _columns.TryAdd(header.Fields[i].Trim(), i + 1);
        }
    }

    /// <summary>The problem with its <see cref="CsvProblem.Cell"/>: the column's cell on its row, the row when no column has it, nothing for the file as a whole.</summary>
    public CsvProblem Locate(CsvProblem problem)
    {
        if (_sheet is null || problem.Line <= 0)
        {
            return problem;
        }

        // A column named in a problem but not in the header is missing from it: the header row is the place to fix.
        var cell = problem.Column is null ? $"{problem.Line}:{problem.Line}"
            : _columns.TryGetValue(problem.Column, out var column) ? $"{XLHelper.GetColumnLetterFromNumber(column)}{problem.Line}"
            : $"{_headerRow}:{_headerRow}";
        return problem with { Cell = $"{_sheet}!{cell}" };
    }

    private static string Quoted(string sheet) =>
        PlainName().IsMatch(sheet) ? sheet : $"'{sheet.Replace("'", "''", StringComparison.Ordinal)}'";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex PlainName();
}
