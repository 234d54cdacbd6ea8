namespace Partnership.Returns;

/// <summary>
/// One problem with a partner's file. <see cref="Line"/> is the file's 1-based line (0 for the file
/// as a whole) and <see cref="Column"/> the header name, when the problem belongs to one column.
/// In a workbook the line is the sheet's row, and <see cref="Cell"/> names the cell (<c>Return!C7</c>).
/// </summary>
public sealed record CsvProblem(int Line, string? Column, string Message)
{
    /// <summary>Where in a workbook: a cell (<c>Return!C7</c>), or a row (<c>Return!7:7</c>) for a problem with the whole row.</summary>
    public string? Cell { get; init; }

    /// <summary>Formats like a compiler message, e.g. <c>returns/bradford.csv:5: column 'numerator': ...</c>, so editors can jump to it.</summary>
    public string Format(string file)
    {
        var where = Cell is not null ? $"{file}: {Cell}: " : Line > 0 ? $"{file}:{Line}: " : $"{file}: ";
        var column = Column is null ? "" : $"column '{Column}': ";
        return where + column + Message;
    }
}
