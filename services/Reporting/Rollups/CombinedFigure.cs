using System.Globalization;
using Partnership.Domain;

namespace Partnership.Reporting.Rollups;

/// <summary>One area's figure for a window made from the returns that claim it, and the claims left out.</summary>
/// <param name="Conflict">Names the returns in conflict and their figures; empty when there is none.</param>
public sealed record CombinedFigure(SourcedFigure Figure, IReadOnlyList<SourcedFigure> NotUsed, string Conflict)
{
    public bool IsUsed(SourcedFigure figure) => !NotUsed.Contains(figure);

    /// <summary>
    /// Says which returns conflict and which one the figure is, with each one's figure, so a reader
    /// of the report sees both numbers and the partners can settle which is right.
    /// </summary>
    public static string Describe(Period window, IReadOnlyList<SourcedFigure> used, IReadOnlyList<SourcedFigure> notUsed)
    {
        if (notUsed.Count == 0)
        {
            return "";
        }

        var why = FigurePrecedence.IsForExactly(window, used[0].ReturnKey) ? $"the return for exactly {window.Label}" : "submitted last";
        var usedText = string.Join(" and ", used.Select(Claim));
        var left = string.Join(" and ", notUsed.Select(Claim));
        return $"Conflicting returns for {used[0].AreaCode} {window.Label}: {usedText} used ({why}); {left} not used. Conflicting returns are never added.";
    }

    private static string Claim(SourcedFigure figure) =>
        $"{(figure.ReturnKey.Length > 0 ? figure.ReturnKey : figure.ReturnId)} r{figure.Revision} gives {Text(figure.Figure)}";

    private static string Text(Figure figure) => figure.IsFraction
        ? $"{Text(figure.Numerator)}/{Text(figure.Denominator)}"
        : figure.Value is null ? "no value" : Text(figure.Value);

    // As submitted, in full: a stored 3.0 is the partner's 3.
    private static string Text(decimal? value) => value?.ToString("0.#########", CultureInfo.InvariantCulture) ?? "";
}
