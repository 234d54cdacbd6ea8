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
        // A report tiles thousands of windows of a few months from a handful of candidates: the search's
        // state lives on the stack, and each month's candidates are found by scanning them in their order.
        var months = window.MonthCount;
        Span<int> reachedBy = months < 64 ? stackalloc int[months + 1] : new int[months + 1];
        Span<int> queue = months < 64 ? stackalloc int[months + 1] : new int[months + 1];
        reachedBy.Clear();
        // reachedBy[m] is 1 + the index of the candidate ending just before month m; 0 while unreached.
        reachedBy[0] = -1;
        queue[0] = 0;
        for (int head = 0, tail = 1; head < tail && reachedBy[months] == 0; head++)
        {
            var at = queue[head];
            for (var i = 0; i < candidates.Count; i++)
            {
                var period = periodOf(candidates[i]);
                if (MonthIndex(window, period.Start) != at)
                {
                    continue;
                }

                var next = at + period.MonthCount;
                if (reachedBy[next] == 0)
                {
                    reachedBy[next] = i + 1;
                    queue[tail++] = next;
                }
            }
        }

        if (reachedBy[months] == 0)
        {
            return null;
        }

        var tiles = new List<T>();
        for (var at = months; at > 0; at -= periodOf(tiles[^1]).MonthCount)
        {
            tiles.Add(candidates[reachedBy[at] - 1]);
        }

        tiles.Reverse();
        return tiles;
    }

    /// <summary>How many months after the window's first month a date falls.</summary>
    public static int MonthIndex(Period window, DateOnly date) => ((date.Year - window.Start.Year) * 12) + date.Month - window.Start.Month;
}
