namespace Partnership.Domain;

/// <summary>
/// Which returns make one figure (an area, measure and window) when more than one claims it. A
/// measure that combines returns (<see cref="MeasureDefinition.CombinesReturns"/>) takes one figure
/// from each partner and adds them; any other takes one figure. Claims beyond that conflict, and are
/// never added: the figure is the return for exactly the cell's window (what the partner counted for
/// it, where a longer return only restates it), otherwise the one submitted last (its partner's
/// latest word), and between returns submitted in the same millisecond the greater key, so every
/// reader (the report, the rollup, status, history) picks the same one.
/// </summary>
public static class FigurePrecedence
{
    /// <summary>Whether partners' figures for one cell add up; a survey percentage or unique-person count never does.</summary>
    public static bool Combines(MeasureDefinition measure) =>
        measure.CombinesReturns && measure.Rule != AggregationRule.CountyOnly && measure.Kind != FigureKind.Percent;

    public static FigureResolution<T> Resolve<T>(MeasureDefinition measure, Period window, IReadOnlyList<T> claims, Func<T, FigureClaim> claimOf)
    {
        if (claims.Count <= 1)
        {
            return new FigureResolution<T>(claims, []);
        }

        var ranked = claims
            .OrderByDescending(c => IsForExactly(window, claimOf(c).ReturnKey))
            .ThenByDescending(c => claimOf(c).SubmittedAtMs)
            .ThenByDescending(c => claimOf(c).ReturnKey, StringComparer.Ordinal)
            .ToList();
        if (!Combines(measure))
        {
            return new FigureResolution<T>([ranked[0]], ranked[1..]);
        }

        // One figure per partner: a provider's two returns claiming a window still conflict.
        var used = new List<T>();
        var notUsed = new List<T>();
        var reporters = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in ranked)
        {
            (reporters.Add(Reporter(claimOf(claim).ReturnKey)) ? used : notUsed).Add(claim);
        }

        return new FigureResolution<T>(used, notUsed);
    }

    /// <summary>Whether the return is for exactly the window (the reason it wins a conflict), rather than a longer one holding it.</summary>
    public static bool IsForExactly(Period window, string returnKey) =>
        ReturnIdentity.TryParse(returnKey, out var identity) && identity.Period == window;

    private static string Reporter(string returnKey) =>
        ReturnIdentity.TryParse(returnKey, out var identity) ? identity.Reporter : returnKey;
}
