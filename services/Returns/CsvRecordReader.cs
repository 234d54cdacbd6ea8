using System.Collections.ObjectModel;
using System.Text;

namespace Partnership.Returns;

/// <summary>
/// One record of a CSV file: its fields, the line it starts on, and any syntax errors in it.
/// A record with errors still has its fields, so the rest of the row can be checked too.
/// </summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, IReadOnlyList<CsvSyntaxError> Errors);

/// <summary>A syntax problem in one field (<see cref="FieldIndex"/> is 0-based) of a record.</summary>
public sealed record CsvSyntaxError(int Line, int FieldIndex, string Message);

/// <summary>
/// A file's records, and what the reader left out of them: rows empty but for separators (a
/// spreadsheet's formatted but unused rows), and, when the file passed one of the reader's limits,
/// where. A file past a limit was not read to its end, so its records are not the file.
/// </summary>
public sealed class CsvRecords(IList<CsvRecord> records, int emptyRows, int firstEmptyRowLine, CsvSyntaxError? limitPassed)
    : ReadOnlyCollection<CsvRecord>(records)
{
    /// <summary>Rows with separators but no values (<c>,,,,,,,</c>), skipped and not counted against <see cref="CsvRecordReader.MaxRecords"/>.</summary>
    public int EmptyRows => emptyRows;

    public int FirstEmptyRowLine => firstEmptyRowLine;

    public CsvSyntaxError? LimitPassed => limitPassed;
}

/// <summary>
/// Splits text into records as RFC 4180 describes: commas (or another delimiter) between fields, CRLF or LF between
/// records, fields in double quotes may hold commas, line breaks and doubled quotes.
/// Written here rather than taken from a package because partners need the exact line of every
/// problem, including records whose quoted notes run over several lines.
/// </summary>
public static class CsvRecordReader
{
    /// <summary>A return's worth with room to spare (the server takes at most 20,000 rows); more is not a return.</summary>
    public const int MaxCharacters = 16 * 1024 * 1024;

    /// <summary>Records with a value in them; rows empty but for separators do not count.</summary>
    public const int MaxRecords = 25_000;

    public const int MaxFieldLength = 4_000;

    public const int MaxFieldsPerRecord = 100;

    /// <param name="delimiter">What separates fields: a comma, or what <see cref="CsvDelimiter"/> found in the header.</param>
    public static CsvRecords Read(TextReader reader, char delimiter = CsvDelimiter.Comma)
    {
        var state = new State { Delimiter = delimiter };
        int next;
        long read = 0;
        while (state.LimitPassed is null && (next = reader.Read()) != -1)
        {
            // Bounded whatever the file holds: a huge file or a runaway quote stops here, not in memory.
            if (++read > MaxCharacters)
            {
                state.LimitPassed = new CsvSyntaxError(state.Line, state.Fields.Count, $"the file passes {MaxCharacters:N0} characters, the most a file may hold, on this line; a return is smaller than that, so split it");
                break;
            }

            var c = (char)next;
            if (c == '\0')
            {
                state.AddFieldError("holds a NUL character: the file is binary, or text in an encoding other than UTF-8 or UTF-16 with a byte order mark");
                continue;
            }

            if (state.InQuotes)
            {
                ReadQuoted(c, reader, state);
            }
            else
            {
                ReadUnquoted(c, reader, state);
            }
        }

        if (state.LimitPassed is not null)
        {
            return new CsvRecords(state.Records, state.EmptyRows, state.FirstEmptyRowLine, state.LimitPassed);
        }

        if (state.InQuotes)
        {
            state.Errors.Add(new CsvSyntaxError(state.QuoteLine, state.Fields.Count, "a quoted field opens on this line and never closes; add the closing quote (\")"));
        }

        if (state.Fields.Count > 0 || state.Field.Length > 0 || state.FieldWasQuoted)
        {
            state.EndRecord();
        }

        return new CsvRecords(state.Records, state.EmptyRows, state.FirstEmptyRowLine, null);
    }

    private static void ReadQuoted(char c, TextReader reader, State state)
    {
        switch (c)
        {
            case '"' when reader.Peek() == '"':
                reader.Read();
                state.Append('"');
                break;
            case '"':
                state.InQuotes = false;
                state.AfterClosingQuote = true;
                break;
            case '\r' or '\n':
                // A line break inside quotes belongs to the field; keep counting lines so later
                // problems still point at the right line.
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                state.Append('\n');
                state.Line++;
                break;
            default:
                state.Append(c);
                break;
        }
    }

    private static void ReadUnquoted(char c, TextReader reader, State state)
    {
        switch (c)
        {
            case var _ when c == state.Delimiter:
                state.EndField();
                break;
            case '\r' or '\n':
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                state.EndRecord();
                state.Line++;
                state.RecordLine = state.Line;
                break;
            case '"' when !state.FieldWasQuoted && string.IsNullOrWhiteSpace(state.Field.ToString()):
                // Whitespace before an opening quote is tolerated: it cannot change the meaning.
                state.Field.Clear();
                state.InQuotes = true;
                state.FieldWasQuoted = true;
                state.QuoteLine = state.Line;
                break;
            case '"':
                state.AddFieldError("has a quote (\") inside an unquoted value; put the whole field in quotes and write the quote twice (\"\")");
                state.Append(c);
                break;
            case var _ when state.AfterClosingQuote && !char.IsWhiteSpace(c):
                state.AddFieldError("has text after its closing quote; put the whole field in quotes and write any quote inside it twice (\"\")");
                state.Append(c);
                break;
            case var _ when state.AfterClosingQuote:
                // Whitespace after a closing quote is dropped, like whitespace before the opening one.
                break;
            default:
                state.Append(c);
                break;
        }
    }

    private sealed class State
    {
        private bool _fieldHasError;

        private bool _tooManyFields;

        public List<CsvRecord> Records { get; } = [];

        /// <summary>Errors of the record being read.</summary>
        public List<CsvSyntaxError> Errors { get; } = [];

        public List<string> Fields { get; } = [];

        public StringBuilder Field { get; } = new();

        public char Delimiter { get; init; } = CsvDelimiter.Comma;

        public int Line { get; set; } = 1;

        public int RecordLine { get; set; } = 1;

        public int QuoteLine { get; set; }

        public bool InQuotes { get; set; }

        public bool FieldWasQuoted { get; set; }

        public bool AfterClosingQuote { get; set; }

        public int EmptyRows { get; private set; }

        public int FirstEmptyRowLine { get; private set; }

        public CsvSyntaxError? LimitPassed { get; set; }

        public void Append(char c)
        {
            if (Field.Length < MaxFieldLength)
            {
                Field.Append(c);
            }
            else
            {
                AddFieldError($"is longer than {MaxFieldLength:N0} characters");
            }
        }

        public void AddFieldError(string message)
        {
            // One message per field is enough to find it; a field with three stray quotes is one fix.
            if (!_fieldHasError)
            {
                Errors.Add(new CsvSyntaxError(Line, Fields.Count, $"field {Fields.Count + 1} {message}"));
                _fieldHasError = true;
            }
        }

        public void EndField()
        {
            // Said once per line: the fields past the limit are not kept, so each would say the same.
            if (Fields.Count == MaxFieldsPerRecord && !_tooManyFields)
            {
                _tooManyFields = true;
                Errors.Add(new CsvSyntaxError(Line, Fields.Count, $"the line has more than {MaxFieldsPerRecord} fields; a return has 8 columns"));
            }

            if (Fields.Count < MaxFieldsPerRecord)
            {
                Fields.Add(Field.ToString());
            }

            Field.Clear();
            FieldWasQuoted = false;
            AfterClosingQuote = false;
            _fieldHasError = false;
        }

        public void EndRecord()
        {
            var blankLine = Fields.Count == 0 && Field.Length == 0 && !FieldWasQuoted;
            EndField();
            // An empty line is layout, not a row.
            if (!blankLine)
            {
                Keep();
            }

            Fields.Clear();
            Errors.Clear();
            _tooManyFields = false;
        }

        private void Keep()
        {
            if (Errors.Count == 0 && Fields.TrueForAll(string.IsNullOrWhiteSpace))
            {
                // A row left empty but for its separators, as spreadsheets save formatted rows: counted, not kept.
                FirstEmptyRowLine = EmptyRows++ == 0 ? RecordLine : FirstEmptyRowLine;
            }
            else if (Records.Count == MaxRecords)
            {
                LimitPassed = new CsvSyntaxError(RecordLine, 0, $"the file has more than {MaxRecords:N0} rows with values, the most a file may hold, and passes that on this line; a return is smaller, so split it");
            }
            else
            {
                Records.Add(new CsvRecord(RecordLine, [.. Fields], [.. Errors]));
            }
        }
    }
}
