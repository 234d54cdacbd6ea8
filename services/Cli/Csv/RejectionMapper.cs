using System.Text.RegularExpressions;
using Google.Rpc;
using Partnership.Cli.Services;
using Partnership.Returns;

namespace Partnership.Cli.Csv;

/// <summary>
/// Points the service's field violations (e.g. <c>observations[3].numerator</c>) back at the line
/// and column of the partner's file, so a rejection from the server reads like one from the CLI.
/// </summary>
public static partial class RejectionMapper
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

    public static IReadOnlyList<CsvProblem> ToProblems(IEnumerable<BadRequest.Types.FieldViolation> violations, ReturnToSend sent)
    {
        // Return-level fields (area, period) come from every row; the first row stands for them.
        var firstLine = sent.Observations.Count > 0 ? sent.Observations[0].SourceLine : 0;
        return
        [
            .. violations
                .Select(v => ToProblem(v, sent, firstLine))
                .OrderBy(p => p.Line),
        ];
    }

    private static CsvProblem ToProblem(BadRequest.Types.FieldViolation violation, ReturnToSend sent, int firstLine)
    {
        // The service already names the line in its description; the location prefix says it once.
        var description = LinePrefix().Replace(violation.Description, "");
        var observation = ObservationField().Match(violation.Field);
        if (observation.Success && int.TryParse(observation.Groups["index"].ValueSpan, out var index) && index < sent.Observations.Count)
        {
            var field = observation.Groups["field"].Value;
            var column = field.Length == 0 ? null : Columns.GetValueOrDefault(field, field);
            return new CsvProblem(sent.Observations[index].SourceLine, column, description);
        }

        return Columns.TryGetValue(violation.Field, out var returnColumn)
            ? new CsvProblem(firstLine, returnColumn, description)
            : new CsvProblem(0, null, string.IsNullOrEmpty(violation.Field) ? description : $"{violation.Field}: {description}");
    }

    /// <summary>
    /// For a typed return, whose request holds one item per row: <c>courts[2].outstanding.over_52_weeks</c>
    /// is the third row's column over_52_weeks, and a field of the whole request (its period) is the first row's.
    /// </summary>
    /// <param name="fieldColumns">The service's field names that are not their column's name.</param>
    public static IReadOnlyList<CsvProblem> ToProblems(
        IEnumerable<BadRequest.Types.FieldViolation> violations, IReadOnlyList<int> rowLines, CsvColumns columns, IReadOnlyDictionary<string, string> fieldColumns)
    {
        var firstLine = rowLines.Count > 0 ? rowLines[0] : 0;
        return
        [
            .. violations.Select(violation =>
            {
                var description = LinePrefix().Replace(violation.Description, "");
                var item = ItemField().Match(violation.Field);
                var (line, field) = item.Success && int.TryParse(item.Groups["index"].ValueSpan, out var index) && index < rowLines.Count
                    ? (rowLines[index], item.Groups["field"].Value)
                    : (firstLine, violation.Field);
                var name = field.Split('.')[^1];
                var column = fieldColumns.GetValueOrDefault(name, name);
                return columns.All.Contains(column)
                    ? new CsvProblem(line, column, description)
                    : new CsvProblem(line, null, string.IsNullOrEmpty(violation.Field) ? description : $"{violation.Field}: {description}");
            })
            .OrderBy(p => p.Line),
        ];
    }

    [GeneratedRegex(@"^\w+\[(?<index>[0-9]+)\](?:\.(?<field>[\w.]+))?$")]
    private static partial Regex ItemField();

    [GeneratedRegex(@"^observations\[(?<index>[0-9]+)\](?:\.(?<field>\w+))?$")]
    private static partial Regex ObservationField();

    [GeneratedRegex(@"^line [0-9]+, ")]
    private static partial Regex LinePrefix();
}
