using Google.Rpc;
using Partnership.Cli.Services;
using Partnership.Returns;
using Partnership.Returns.Typed;

namespace Partnership.Cli.Csv;

/// <summary>
/// Points the service's field violations back at the line and column of the partner's file, so a
/// rejection from the server reads like one from the CLI (<see cref="ReturnRejections"/>).
/// </summary>
public static class RejectionMapper
{
    public static IReadOnlyList<CsvProblem> ToProblems(IEnumerable<BadRequest.Types.FieldViolation> violations, ReturnToSend sent) =>
        ReturnRejections.ToProblems(violations.Select(v => (v.Field, v.Description)), [.. sent.Observations.Select(o => o.SourceLine)]);

    /// <summary>For a typed return, whose request holds one item per row (<see cref="TypedRejections"/>).</summary>
    public static IReadOnlyList<CsvProblem> ToProblems(
        IEnumerable<BadRequest.Types.FieldViolation> violations, IReadOnlyList<int> rowLines, CsvColumns columns, IReadOnlyDictionary<string, string> fieldColumns) =>
        TypedRejections.ToProblems(violations.Select(v => (v.Field, v.Description)), rowLines, columns, fieldColumns);
}
