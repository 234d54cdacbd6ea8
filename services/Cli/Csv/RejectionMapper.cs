using System.Text.RegularExpressions;
using Google.Rpc;
using Partnership.Cli.Services;
using Partnership.Returns;

namespace Partnership.Cli.Csv;

/// <summary>
/// Points the service's field violations back at the line and column of the partner's file, so a
/// rejection from the server reads like one from the CLI (<see cref="ReturnRejections"/>).
/// </summary>
public static partial class RejectionMapper
{
    public static IReadOnlyList<CsvProblem> ToProblems(IEnumerable<BadRequest.Types.FieldViolation> violations, ReturnToSend sent) =>
        ReturnRejections.ToProblems(violations.Select(v => (v.Field, v.Description)), [.. sent.Observations.Select(o => o.SourceLine)]);

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

    [GeneratedRegex(@"^line [0-9]+, ")]
    private static partial Regex LinePrefix();
}
