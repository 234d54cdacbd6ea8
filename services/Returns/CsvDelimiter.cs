namespace Partnership.Returns;

/// <summary>
/// Tells which character separates a file's fields from its header line. Excel saves "CSV" with
/// semicolons where the decimal mark is a comma, and a copy from a sheet pastes tabs; the header,
/// which names known columns, says which was used, so the partner need not.
/// </summary>
public static class CsvDelimiter
{
    public const char Comma = ',';

    /// <summary>The most of the file read to find its header; a header is far shorter.</summary>
    private const int MaxHeaderCharacters = 64 * 1024;

    private static readonly char[] Others = [';', '\t'];

    public static string Name(char delimiter) => delimiter switch
    {
        ';' => "semicolon",
        '\t' => "tab",
        _ => "comma",
    };

    /// <summary>
    /// The delimiter whose split of <paramref name="header"/> names the most known columns. A comma
    /// wins any tie, so a comma-separated file reads as it always has. Null, with a one-line
    /// <paramref name="refusal"/>, when another delimiter fits better but the choice is still in
    /// doubt: two fit equally, or the best does not name every required column.
    /// </summary>
    public static char? Detect(string header, CsvColumns columns, out string refusal)
    {
        refusal = "";
        var commaNames = KnownNames(header, Comma, columns);
        var best = Others
            .Select(d => (Delimiter: d, Names: KnownNames(header, d, columns)))
            .Where(c => c.Names.Count > commaNames.Count)
            .OrderByDescending(c => c.Names.Count)
            .ToList();
        if (best.Count == 0)
        {
            return Comma;
        }

        var save = "save it as 'CSV UTF-8 (comma delimited)'";
        if (best.Count > 1 && best[0].Names.Count == best[1].Names.Count)
        {
            refusal = $"the header could be separated by semicolons or by tabs; {save}";
            return null;
        }

        var (delimiter, names) = best[0];
        var missing = columns.Required.Where(c => !names.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            refusal = $"the header looks {Name(delimiter)}-separated but does not name {string.Join(", ", missing)}; {save}, with the header {string.Join(",", columns.Template)}";
            return null;
        }

        return delimiter;
    }

    /// <summary>
    /// Reads up to the end of the first line with text on it, and gives it back with a reader that
    /// reads the file from its start again, so line numbers and the record reader are unchanged.
    /// </summary>
    public static TextReader ReadHeader(TextReader text, out string header)
    {
        var read = new System.Text.StringBuilder();
        var start = 0;
        int next;
        while (read.Length < MaxHeaderCharacters && (next = text.Read()) != -1)
        {
            read.Append((char)next);
            if (next == '\n')
            {
                if (!string.IsNullOrWhiteSpace(read.ToString(start, read.Length - start)))
                {
                    break;
                }

                start = read.Length;
            }
        }

        var consumed = read.ToString();
        header = consumed[start..];
        return new ReplayReader(consumed, text);
    }

    private static HashSet<string> KnownNames(string header, char delimiter, CsvColumns columns) =>
        header.Split(delimiter)
            .Select(f => f.Trim().TrimStart('\uFEFF').Trim().Trim('"').Trim())
            .Select(f => columns.All.FirstOrDefault(c => c.Equals(f, StringComparison.OrdinalIgnoreCase)))
            .OfType<string>()
            .ToHashSet();

    /// <summary>The characters already read, then the rest of the file.</summary>
    private sealed class ReplayReader(string head, TextReader rest) : TextReader
    {
        private int _position;

        public override int Peek() => _position < head.Length ? head[_position] : rest.Peek();

        public override int Read() => _position < head.Length ? head[_position++] : rest.Read();
    }
}
