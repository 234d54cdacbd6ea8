namespace Partnership.Returns;

/// <summary>Writes RFC 4180 fields: quoted only when they must be, quotes doubled.</summary>
public static class CsvWriter
{
    public static void WriteRow(TextWriter writer, IEnumerable<string> fields)
    {
        // The writer's own line ending: readers (ours included) accept LF and CRLF alike, and a
        // terminal or a test reading stdout line by line then sees no stray carriage returns.
        writer.WriteLine(string.Join(",", fields.Select(Quote)));
    }

    /// <summary>Quotes as RFC 4180 asks, and neutralises a cell a spreadsheet would run as a formula.</summary>
    public static string Quote(string field) => Domain.CsvCell.Write(field);
}
