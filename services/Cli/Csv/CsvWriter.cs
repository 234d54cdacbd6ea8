namespace Partnership.Cli.Csv;

/// <summary>Writes RFC 4180 fields: quoted only when they must be, quotes doubled.</summary>
public static class CsvWriter
{
    public static void WriteRow(TextWriter writer, IEnumerable<string> fields)
    {
        // The writer's own line ending: readers (ours included) accept LF and CRLF alike, and a
        // terminal or a test reading stdout line by line then sees no stray carriage returns.
        writer.WriteLine(string.Join(",", fields.Select(Quote)));
    }

    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])))
            ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : field;
}
