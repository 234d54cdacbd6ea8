using Partnership.Domain;

namespace Partnership.Cli.Csv;

/// <summary>
/// Reads a partner's return from CSV: a header naming the columns (in any order, any case), then
/// one row per observation. Collects every problem in the file before giving up, because a partner
/// fixing a return one error per round trip is the failure this tool exists to avoid.
/// </summary>
/// <param name="catalogue">When given, lets the reader refuse a % sign on a measure that is not a percentage.
/// Unknown measures are left to the service, whose catalogue is the authority.</param>
public sealed class CsvReturnReader(MeasureCatalogue? catalogue = null)
{
    private static readonly Dictionary<string, ObservationStatus> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["final"] = ObservationStatus.Final,
        ["provisional"] = ObservationStatus.Provisional,
        ["estimated"] = ObservationStatus.Estimated,
        ["revised"] = ObservationStatus.Revised,
        ["unvalidated"] = ObservationStatus.Unvalidated,
    };

    private static readonly Dictionary<string, Trend> Trends = new(StringComparer.OrdinalIgnoreCase)
    {
        ["up"] = Trend.Up,
        ["↑"] = Trend.Up,
        ["down"] = Trend.Down,
        ["↓"] = Trend.Down,
        ["steady"] = Trend.Steady,
        ["↔"] = Trend.Steady,
    };

    /// <param name="returnPeriod">The period given with --period, which wins; otherwise the one period all rows share.</param>
    public CsvReadResult Read(TextReader text, Period? returnPeriod = null)
    {
        var records = CsvRecordReader.Read(text);
        var problems = new List<CsvProblem>();
        if (records.Count == 0)
        {
            problems.Add(new CsvProblem(0, null, $"the file is empty; its first line must be the header: {string.Join(",", ReturnColumns.Template)}"));
            return new CsvReadResult(null, problems);
        }

        // A broken header leaves every row's columns in doubt, so rows are not read.
        var header = ReadHeader(records[0], problems);
        if (header is null)
        {
            return new CsvReadResult(null, problems);
        }

        var observations = new List<CsvObservation>();
        var area = new AreaTracker();
        foreach (var record in records.Skip(1))
        {
            var row = new Row(record, header, problems);
            if (row.IsBlank)
            {
                continue;
            }

            if (record.Fields.Count != header.Count)
            {
                problems.Add(new CsvProblem(record.Line, null, $"the row has {record.Fields.Count} fields but the header has {header.Count} (a value with a comma in it must be in quotes)"));
                continue;
            }

            if (ReadRow(row, area) is { } observation)
            {
                observations.Add(observation);
            }
        }

        if (observations.Count == 0 && problems.Count == 0)
        {
            problems.Add(new CsvProblem(records[0].Line, null, "the file has a header but no rows"));
        }

        var period = returnPeriod ?? SharedPeriod(observations, problems);
        return problems.Count > 0 || area.Code is null || period is null
            ? new CsvReadResult(null, [.. problems.OrderBy(p => p.Line)])
            : new CsvReadResult(new CsvReturn(area.Code, period.Value, observations), []);
    }

    private static Header? ReadHeader(CsvRecord record, List<CsvProblem> problems)
    {
        var before = problems.Count;
        problems.AddRange(record.Errors.Select(e => new CsvProblem(e.Line, null, e.Message)));
        var names = new string?[record.Fields.Count];
        for (var i = 0; i < record.Fields.Count; i++)
        {
            // A byte order mark can survive on the first name when the text did not come through a StreamReader.
            var text = record.Fields[i].Trim().TrimStart('\uFEFF').Trim();
            var name = ReturnColumns.All.FirstOrDefault(c => c.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (text.Length == 0)
            {
                // Spreadsheets often export trailing empty columns; they are harmless while they stay empty (checked per row).
                continue;
            }

            if (name is null)
            {
                problems.Add(new CsvProblem(record.Line, text, $"is not a column of a return; the columns are {string.Join(", ", ReturnColumns.All)}"));
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

        foreach (var required in ReturnColumns.Required.Where(c => !names.Contains(c)))
        {
            problems.Add(new CsvProblem(record.Line, required, $"is missing from the header, which must name {string.Join(", ", ReturnColumns.Required)} ({string.Join(", ", ReturnColumns.Optional)} are optional)"));
        }

        return problems.Count == before ? new Header(names) : null;
    }

    private CsvObservation? ReadRow(Row row, AreaTracker area)
    {
        var measureId = row.Required(ReturnColumns.Measure, "the measure id is empty (e.g. crime.total_recorded)");
        var areaCode = row.Required(ReturnColumns.Area, "the area code is empty (e.g. E08000032)");
        if (areaCode is not null)
        {
            area.Check(areaCode, row);
        }

        Period? period = null;
        if (row.Required(ReturnColumns.Period, "the period is empty (e.g. FY2020/21-Q3)") is { } periodText)
        {
            if (Period.TryParse(periodText, out var parsed, out var error))
            {
                period = parsed;
            }
            else
            {
                row.Problem(ReturnColumns.Period, error);
            }
        }

        var figure = ReadFigure(row, measureId);
        var status = ReadChoice(row, ReturnColumns.Status, Statuses, "final, provisional, estimated, revised or unvalidated");
        var trend = ReadChoice(row, ReturnColumns.Trend, Trends, "up, down, steady, ↑, ↓ or ↔");
        var note = row.Get(ReturnColumns.Note) ?? "";

        return row.HasProblems || measureId is null || period is null || figure is null
            ? null
            : new CsvObservation(row.Line, measureId, period.Value, figure.Value, status, trend ?? Trend.None, note);
    }

    private Figure? ReadFigure(Row row, string? measureId)
    {
        var value = row.Get(ReturnColumns.Value);
        var numerator = row.Get(ReturnColumns.Numerator);
        var denominator = row.Get(ReturnColumns.Denominator);
        if (value is not null && (numerator is not null || denominator is not null))
        {
            row.Problem(ReturnColumns.Value, "give either a value (counts, percentages) or a numerator and denominator (ratios), not both");
            return null;
        }

        if (value is not null)
        {
            var number = ReadNumber(row, ReturnColumns.Value, value);
            if (number is { HasPercentSign: true } && measureId is not null && catalogue is not null
                && catalogue.TryGet(measureId, out var measure) && measure.Kind != FigureKind.Percent)
            {
                row.Problem(ReturnColumns.Value, $"'{value}' has a % sign, but {measureId} is a {measure.Unit}{(measure.Kind == FigureKind.Ratio ? " (give its numerator and denominator)" : "")}");
                return null;
            }

            return number is null ? null : Figure.OfValue(number.Value.Value);
        }

        if (numerator is null && denominator is null)
        {
            row.Problem(ReturnColumns.Value, "there is no figure: give a value, or a numerator and denominator (leave the row out if there is no figure)");
            return null;
        }

        if (numerator is null || denominator is null)
        {
            var (missing, given) = numerator is null ? (ReturnColumns.Numerator, ReturnColumns.Denominator) : (ReturnColumns.Denominator, ReturnColumns.Numerator);
            row.Problem(missing, $"is empty, but the {given} is given; a ratio needs both");
            return null;
        }

        var top = ReadWholeNumber(row, ReturnColumns.Numerator, numerator);
        var bottom = ReadWholeNumber(row, ReturnColumns.Denominator, denominator);
        return top is null || bottom is null ? null : Figure.OfFraction(top.Value, bottom.Value);
    }

    private static decimal? ReadWholeNumber(Row row, string column, string text)
    {
        var number = ReadNumber(row, column, text);
        if (number is { HasPercentSign: true })
        {
            row.Problem(column, $"'{text}' has a % sign; a {column} is a count, and the percentage is worked out from the two");
            return null;
        }

        return number?.Value;
    }

    private static ParsedNumber? ReadNumber(Row row, string column, string text)
    {
        if (NumberParser.TryParse(text, out var number, out var error))
        {
            return number;
        }

        row.Problem(column, error);
        return null;
    }

    private static T? ReadChoice<T>(Row row, string column, Dictionary<string, T> choices, string allowed)
        where T : struct
    {
        if (row.Get(column) is not { } text)
        {
            return null;
        }

        if (choices.TryGetValue(text, out var choice))
        {
            return choice;
        }

        row.Problem(column, $"'{text}' is not one of {allowed}");
        return null;
    }

    private static Period? SharedPeriod(List<CsvObservation> observations, List<CsvProblem> problems)
    {
        var periods = observations
            .GroupBy(o => o.Period)
            .Select(g => (Period: g.Key, FirstLine: g.Min(o => o.Line)))
            .OrderBy(p => p.FirstLine)
            .ToList();
        if (periods.Count <= 1)
        {
            return periods.Count == 1 ? periods[0].Period : null;
        }

        // Guessing the return's period from the commonest row would file a return under the wrong
        // quarter; the partner says which with --period.
        var listed = string.Join(", ", periods.Select(p => $"{p.Period.Label} from line {p.FirstLine}"));
        problems.Add(new CsvProblem(periods[1].FirstLine, ReturnColumns.Period, $"the rows are for more than one period ({listed}); give --period to say which is the return's period"));
        return null;
    }

    /// <summary>The header's column names by position; null where a column has no name.</summary>
    private sealed class Header(string?[] names)
    {
        public int Count => names.Length;

        public string? NameAt(int index) => index < names.Length ? names[index] : null;

        public int IndexOf(string column) => Array.IndexOf(names, column);
    }

    /// <summary>The first row's area is the return's area; every other row must agree.</summary>
    private sealed class AreaTracker
    {
        private int _line;

        public string? Code { get; private set; }

        public void Check(string code, Row row)
        {
            if (Code is null)
            {
                (Code, _line) = (code, row.Line);
            }
            else if (!string.Equals(Code, code, StringComparison.Ordinal))
            {
                row.Problem(ReturnColumns.Area, $"area '{code}' differs from '{Code}' on line {_line}; a return is for one area, so put each area in its own file");
            }
        }
    }

    /// <summary>One data row, read by column name, recording its problems against its line.</summary>
    private sealed class Row
    {
        private readonly CsvRecord _record;
        private readonly Header _header;
        private readonly List<CsvProblem> _problems;
        private readonly HashSet<int> _unreadable = [];
        private readonly int _problemsBefore;

        public Row(CsvRecord record, Header header, List<CsvProblem> problems)
        {
            (_record, _header, _problems) = (record, header, problems);
            _problemsBefore = problems.Count;
            IsBlank = record.Errors.Count == 0 && record.Fields.All(string.IsNullOrWhiteSpace);
            foreach (var error in record.Errors)
            {
                problems.Add(new CsvProblem(error.Line, header.NameAt(error.FieldIndex), error.Message));
                _unreadable.Add(error.FieldIndex);
            }

            for (var i = 0; i < record.Fields.Count && !IsBlank; i++)
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

        public bool IsBlank { get; }

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
}
