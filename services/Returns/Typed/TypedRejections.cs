using System.Text.RegularExpressions;

namespace Partnership.Returns.Typed;

/// <summary>
/// Points a service's field violations of a typed return back at the partner's file, in the CLI and
/// the partner portal alike. The request holds one item per row: <c>courts[2].outstanding.over_52_weeks</c>
/// is the third row's column over_52_weeks, and a field of the whole request (its period) is the first row's.
/// </summary>
public static partial class TypedRejections
{
    /// <param name="rowLines">The file's line of each row, in the order read.</param>
    /// <param name="fieldColumns">The service's field names that are not their column's name.</param>
    public static IReadOnlyList<CsvProblem> ToProblems(
        IEnumerable<(string Field, string Description)> violations, IReadOnlyList<int> rowLines, CsvColumns columns, IReadOnlyDictionary<string, string> fieldColumns)
    {
        var firstLine = rowLines.Count > 0 ? rowLines[0] : 0;
        return
        [
            .. violations.Select(violation =>
            {
                var description = ReturnRejections.LinePrefix().Replace(violation.Description, "");
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
}
