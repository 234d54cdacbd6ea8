namespace Partnership.Domain;

/// <summary>
/// Builds a window from shorter ones: the fewest windows that cover it month by month without overlap
/// or gap. One algorithm for the reports (a flow's figure for a window no partner counted) and for the
/// domain services (a submitted long window against the sum of the same partner's shorter ones).
/// </summary>
public static class WindowTiling
{
    /// <summary>Whether figures of a measure add up across time: flows do; stocks, surveys and unique people do not.</summary>
    public static bool CanTile(MeasureDefinition measure) =>
        measure.Rule is AggregationRule.Sum or AggregationRule.Ratio && measure.Kind != FigureKind.Percent;

    /// <summary>
    /// The tiles, in time order, among <paramref name="candidates"/> (all inside the window), or null
    /// when none tile it: a breadth-first search over month boundaries.
    /// </summary>
    public static List<T>? Tile<T>(Period window, IReadOnlyList<T> candidates, Func<T, Period> periodOf)
    {
        var months = window.MonthCount;
        var startsAt = new List<T>?[months];
        foreach (var candidate in candidates)
        {
            (startsAt[MonthIndex(window, periodOf(candidate).Start)] ??= []).Add(candidate);
        }

        var reachedBy = new T[months + 1];
        var reached = new bool[months + 1];
        reached[0] = true;
        var queue = new Queue<int>([0]);
        while (queue.Count > 0 && !reached[months])
        {
            var at = queue.Dequeue();
            foreach (var candidate in startsAt[at] ?? [])
            {
                var next = at + periodOf(candidate).MonthCount;
                if (!reached[next])
                {
                    reached[next] = true;
                    reachedBy[next] = candidate;
                    queue.Enqueue(next);
                }
            }
        }

        if (!reached[months])
        {
            return null;
        }

        var tiles = new List<T>();
        for (var at = months; at > 0; at -= periodOf(reachedBy[at]).MonthCount)
        {
            tiles.Add(reachedBy[at]);
        }

        tiles.Reverse();
        return tiles;
    }

    /// <summary>How many months after the window's first month a date falls.</summary>
    public static int MonthIndex(Period window, DateOnly date) => ((date.Year - window.Start.Year) * 12) + date.Month - window.Start.Month;
}
