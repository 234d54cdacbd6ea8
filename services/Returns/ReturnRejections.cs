using System.Text.RegularExpressions;

namespace Partnership.Returns;

/// <summary>
/// Points a service's field violations (e.g. <c>observations[3].numerator</c>) back at the line and
/// column of the partner's file, so a rejection by the service reads like a problem the reader found,
/// in the CLI and the partner portal alike.
/// </summary>
public static partial class ReturnRejections
{
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["measure_id"] = ReturnColumns.Measure,
        ["area_code"] = ReturnColumns.Area,
        ["period"] = ReturnColumns.Period,
        ["value"] = ReturnColumns.Value,
        ["fraction"] = ReturnColumns.Numerator,
        ["numerator"] = ReturnColumns.Numerator,
        ["denominator"] = ReturnColumns.Denominator,
        ["status"] = ReturnColumns.Status,
        ["note"] = ReturnColumns.Note,
        ["trend"] = ReturnColumns.Trend,
    };

    /// <param name="observationLines">The file's line of each observation sent, in the order sent.</param>
    public static IReadOnlyList<CsvProblem> ToProblems(IEnumerable<(string Field, string Description)> violations, IReadOnlyList<int> observationLines)
    {
        // Return-level fields (area, period) come from every row; the first row stands for them.
        var firstLine = observationLines.Count > 0 ? observationLines[0] : 0;
        return [.. violations.Select(v => ToProblem(v.Field, v.Description, observationLines, firstLine)).OrderBy(p => p.Line)];
    }

    private static CsvProblem ToProblem(string field, string description, IReadOnlyList<int> lines, int firstLine)
    {
        // The service already names the line in its description; the location prefix says it once.
        description = LinePrefix().Replace(description, "");
        var observation = ObservationField().Match(field);
        if (observation.Success && int.TryParse(observation.Groups["index"].ValueSpan, out var index) && index < lines.Count)
        {
            var name = observation.Groups["field"].Value;
            var column = name.Length == 0 ? null : Columns.GetValueOrDefault(name, name);
            return new CsvProblem(lines[index], column, description);
        }

        return Columns.TryGetValue(field, out var returnColumn)
            ? new CsvProblem(firstLine, returnColumn, description)
            : new CsvProblem(0, null, string.IsNullOrEmpty(field) ? description : $"{field}: {description}");
    }

    [GeneratedRegex(@"^observations\[(?<index>[0-9]+)\](?:\.(?<field>\w+))?$")]
    private static partial Regex ObservationField();

    [GeneratedRegex(@"^line [0-9]+, ")]
    internal static partial Regex LinePrefix();
}
