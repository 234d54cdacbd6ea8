namespace Partnership.Returns;

/// <summary>The columns of one kind of file: those every file must name, then those it may.</summary>
/// <param name="Template">The columns a template writes, in order; every required column and the optional ones worth offering.</param>
public sealed record CsvColumns(IReadOnlyList<string> Required, IReadOnlyList<string> Optional, IReadOnlyList<string> Template)
{
    public IReadOnlyList<string> All => [.. Required, .. Optional];
}

/// <summary>
/// Reads a CSV file as a header naming its columns (in any order, any case) and rows read by column
/// name. Every problem is collected, with its line and column, before anyone gives up: the return
/// readers build on this so each kind of file reports problems the same way.
/// </summary>
public static class CsvTable
{
    /// <summary>
    /// The file's rows; null when the header is broken or missing, which leaves every column in doubt,
    /// or when the file passed one of the reader's limits, which refuses it whole. Rows empty but for
    /// separators are skipped with one warning that counts them.
    /// </summary>
    public static IReadOnlyList<CsvRow>? Read(TextReader text, CsvColumns columns, List<CsvProblem> problems, List<CsvProblem> warnings)
    {
        var replay = CsvDelimiter.ReadHeader(text, out var headerLine);
        if (CsvDelimiter.Detect(headerLine, columns, out var refusal) is not { } delimiter)
        {
            problems.Add(new CsvProblem(1, null, refusal));
            return null;
        }

        return FromRecords(CsvRecordReader.Read(replay, delimiter), columns, delimiter, problems, warnings);
    }

    /// <summary>
    /// The rows of records already split into fields: a CSV file's, or a worksheet's (<see cref="XlsxTable"/>),
    /// so both are checked by the same rules and report the same messages.
    /// </summary>
    public static IReadOnlyList<CsvRow>? FromRecords(CsvRecords records, CsvColumns columns, char delimiter, List<CsvProblem> problems, List<CsvProblem> warnings)
    {
        if (records.LimitPassed is { } limit)
        {
            problems.Add(new CsvProblem(limit.Line, null, limit.Message));
            return null;
        }

        if (records.EmptyRows > 0)
        {
            var empty = records.EmptyRows == 1 ? "1 row holds" : $"{records.EmptyRows:N0} rows hold";
            warnings.Add(new CsvProblem(records.FirstEmptyRowLine, null, $"warning: {empty} nothing but separators (the first on this line); skipped"));
        }

        if (records.Count == 0)
        {
            problems.Add(new CsvProblem(0, null, $"the file is empty; its first line must be the header: {string.Join(",", columns.Template)}"));
            return null;
        }

        var header = ReadHeader(records[0], columns, problems);
        if (header is null)
        {
            return null;
        }

        var rows = new List<CsvRow>();
        foreach (var record in records.Skip(1))
        {
            var row = new CsvRow(record, header, problems) { DecimalComma = delimiter == ';' };
            if (record.Fields.Count != header.Count)
            {
                // A line past the field limit has said so already, and its count is the limit's, not the line's.
                if (!record.Errors.Any(e => e.FieldIndex == CsvRecordReader.MaxFieldsPerRecord))
                {
                    problems.Add(new CsvProblem(record.Line, null, $"the row has {record.Fields.Count} fields but the header has {header.Count} (a value with a {CsvDelimiter.Name(delimiter)} in it must be in quotes)"));
                }

                continue;
            }

            rows.Add(row);
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(new CsvProblem(records[0].Line, null, "the file has a header but no rows"));
        }

        return rows;
    }

    private static CsvHeader? ReadHeader(CsvRecord record, CsvColumns columns, List<CsvProblem> problems)
    {
        var before = problems.Count;
        problems.AddRange(record.Errors.Select(e => new CsvProblem(e.Line, null, e.Message)));
        var names = new string?[record.Fields.Count];
        for (var i = 0; i < record.Fields.Count; i++)
        {
            // A byte order mark can survive on the first name when the text did not come through a StreamReader.
            var text = record.Fields[i].Trim().TrimStart('\uFEFF').Trim();
            var name = columns.All.FirstOrDefault(c => c.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (text.Length == 0)
            {
                // Spreadsheets often export trailing empty columns; they are harmless while they stay empty (checked per row).
                continue;
            }

            if (name is null)
            {
                problems.Add(new CsvProblem(record.Line, text, $"is not a column of this return; the columns are {string.Join(", ", columns.All)}"));
            }
            else if (names.Contains(name))
            {
                problems.Add(new CsvProblem(record.Line, name, "appears twice in the header"));
            }
            else
            {
                names[i] = name;
            }
        }

        foreach (var required in columns.Required.Where(c => !names.Contains(c)))
        {
            var optional = columns.Optional.Count > 0 ? $" ({string.Join(", ", columns.Optional)} are optional)" : "";
            problems.Add(new CsvProblem(record.Line, required, $"is missing from the header, which must name {string.Join(", ", columns.Required)}{optional}"));
        }

        return problems.Count == before ? new CsvHeader(names) : null;
    }
}

/// <summary>The header's column names by position; null where a column has no name.</summary>
internal sealed class CsvHeader(string?[] names)
{
    public int Count => names.Length;

    public string? NameAt(int index) => index < names.Length ? names[index] : null;

    public int IndexOf(string column) => Array.IndexOf(names, column);
}

/// <summary>One data row, read by column name, recording its problems against its line.</summary>
public sealed class CsvRow
{
    private readonly CsvRecord _record;
    private readonly CsvHeader _header;
    private readonly List<CsvProblem> _problems;
    private readonly HashSet<int> _unreadable = [];
    private readonly int _problemsBefore;

    internal CsvRow(CsvRecord record, CsvHeader header, List<CsvProblem> problems)
    {
        (_record, _header, _problems) = (record, header, problems);
        _problemsBefore = problems.Count;
        foreach (var error in record.Errors)
        {
            problems.Add(new CsvProblem(error.Line, header.NameAt(error.FieldIndex), error.Message));
            _unreadable.Add(error.FieldIndex);
        }

        for (var i = 0; i < record.Fields.Count; i++)
        {
            if (record.Fields[i].Contains('\uFFFD', StringComparison.Ordinal))
            {
                Problem(i, "has characters that are not UTF-8; save the file as 'CSV UTF-8'");
            }
            else if (i < header.Count && header.NameAt(i) is null && !string.IsNullOrWhiteSpace(record.Fields[i]))
            {
                Problem(i, $"field {i + 1} has a value, but its column has no name in the header");
            }
        }
    }

    public int Line => _record.Line;

    /// <summary>The file is semicolon-separated, so its numbers are written with a decimal comma (<see cref="NumberParser"/>).</summary>
    public bool DecimalComma { get; init; }

    public bool HasProblems => _problems.Count > _problemsBefore;

    /// <summary>The trimmed text of a column, or null when it is absent, empty or already reported unreadable.</summary>
    public string? Get(string column)
    {
        var index = _header.IndexOf(column);
        if (index < 0 || index >= _record.Fields.Count || _unreadable.Contains(index))
        {
            return null;
        }

        var text = _record.Fields[index].Trim();
        return text.Length == 0 ? null : text;
    }

    public string? Required(string column, string messageWhenEmpty)
    {
        var text = Get(column);
        if (text is null && !_unreadable.Contains(_header.IndexOf(column)))
        {
            Problem(column, messageWhenEmpty);
        }

        return text;
    }

    public void Problem(string column, string message) => _problems.Add(new CsvProblem(Line, column, message));

    private void Problem(int index, string message)
    {
        _problems.Add(new CsvProblem(Line, _header.NameAt(index), message));
        _unreadable.Add(index);
    }
}

/// <summary>
/// A column that holds one value for the whole return (its area, its period): the first row's
/// value is the return's, and every other row must agree.
/// </summary>
public sealed class SameOnEveryRow(string column, string noun, string why)
{
    private int _line;

    public string? Value { get; private set; }

    public void Check(string value, CsvRow row)
    {
        if (Value is null)
        {
            (Value, _line) = (value, row.Line);
        }
        else if (!string.Equals(Value, value, StringComparison.Ordinal))
        {
            row.Problem(column, $"{noun} '{value}' differs from '{Value}' on line {_line}; {why}");
        }
    }
}
