namespace Partnership.Cli.Csv;

/// <summary>
/// One problem with a partner's file. <see cref="Line"/> is the file's 1-based line (0 for the file
/// as a whole) and <see cref="Column"/> the header name, when the problem belongs to one column.
/// </summary>
public sealed record CsvProblem(int Line, string? Column, string Message)
{
    /// <summary>Formats like a compiler message, e.g. <c>returns/bradford.csv:5: column 'numerator': ...</c>, so editors can jump to it.</summary>
    public string Format(string file)
    {
        var where = Line > 0 ? $"{file}:{Line}: " : $"{file}: ";
        var column = Column is null ? "" : $"column '{Column}': ";
        return where + column + Message;
    }
}
