using Partnership.Domain;
using Partnership.Reporting.Rollups;

namespace Partnership.Reporting.Delivery;

/// <summary>One area's figure for one submitted window, already combined across the returns that hold it.</summary>
public sealed record ObservedFigure(Period Period, SourcedFigure Figure, IReadOnlyList<FigureSource> Sources)
{
    /// <summary>The rows combined into this figure, kept so a changed return can be taken out again.</summary>
    public IReadOnlyList<ObservedRow> Rows { get; init; } = [];
}

/// <summary>One area's figure for a reporting window, or why there is none.</summary>
/// <param name="Explain">Says why there is no figure. Worked out only when shown: a report resolves thousands of windows, and most reasons are never printed.</param>
public sealed record ResolvedFigure(string AreaCode, Period Window, SourcedFigure? Figure, FigureMethod Method, DateOnly? AsOf, IReadOnlyList<FigureSource> Sources, Func<string>? Explain = null)
{
    private string? _why;

    public string Why => _why ??= Explain?.Invoke() ?? "";

    /// <summary>What a reader should know about a figure that is shown, e.g. that a submitted figure differs from the one its shorter windows add up to.</summary>
    public string Note { get; init; } = "";

    /// <summary>The population a rate per 1,000 was worked out with, and its vintage.</summary>
    public PopulationEstimate? Population { get; init; }
}

/// <summary>
/// Finds one area's figure for a window (docs/domain.md, "Periods and windows"): an observation for exactly that window;
/// for a flow, shorter observations that tile it exactly (never overlapping, never leaving a gap);
/// for a stock, the latest snapshot at or before the window's end. Anything else is an empty cell
/// that says why: a figure for April to December is never passed off as one for 12 months.
/// </summary>
public static class WindowResolver
{
    /// <summary>Flows can be added across time; stocks, surveys and unique people cannot.</summary>
    public static bool CanTile(MeasureDefinition measure) => WindowTiling.CanTile(measure);

    public static ResolvedFigure Resolve(MeasureDefinition measure, string areaCode, AreaFigures figures, Period window, DateOnly? snapshotDate = null)
    {
        if (measure.Rule == AggregationRule.SnapshotSum)
        {
            return LatestSnapshot(areaCode, figures, window, snapshotDate);
        }

        var exact = figures.For(window);
        if (exact is not null)
        {
            // What the partner counted for exactly the window wins; a different sum of its shorter windows is said, not used.
            return new ResolvedFigure(areaCode, window, exact.Figure, FigureMethod.Exact, null, exact.Sources) { Note = CanTile(measure) ? Disagreement(window, exact, figures) : "" };
        }

        if (window.IsSnapshot)
        {
            return NotOnADate(areaCode, window);
        }

        if (!CanTile(measure))
        {
            return NotTileable(areaCode, window, measure);
        }

        var candidates = figures.Within(window);
        if (candidates.Count == 0)
        {
            return NothingWithin(areaCode, window);
        }

        var tiles = Tile(window, candidates);
        if (tiles is null)
        {
            return NoTiling(areaCode, window, candidates);
        }

        return new ResolvedFigure(areaCode, window, Add(areaCode, tiles), FigureMethod.Tiled, null, FigureSource.All(tiles, t => t.Sources));
    }

    // Why there is no figure, in methods of their own: a lambda captures on entry to the method that holds
    // it, whichever way the method returns, and Resolve runs for thousands of windows that have a figure.
    private static ResolvedFigure NotOnADate(string areaCode, Period window) =>
        Empty(areaCode, window, () => $"no figure for {window.Label}: this measure is counted over a window, not on a date");

    private static ResolvedFigure NotTileable(string areaCode, Period window, MeasureDefinition measure) =>
        Empty(areaCode, window, () => $"no figure for exactly {window.Label}, and {Describe(measure)} cannot be built from shorter windows");

    private static ResolvedFigure NothingWithin(string areaCode, Period window) =>
        Empty(areaCode, window, () => $"no figure for {window.Label} or any shorter window within it");

    private static ResolvedFigure NoTiling(string areaCode, Period window, IReadOnlyList<ObservedFigure> candidates) =>
        Empty(areaCode, window, () => $"no figure for exactly {window.Label}, and the shorter windows held {WhyNoTiling(window, candidates)}");

    /// <summary>The latest snapshot date at or before the window's end across several areas: stocks add up only on one date.</summary>
    public static DateOnly? LatestSnapshotDate(IEnumerable<AreaFigures> areas, Period window) =>
        areas.Select(a => a.SnapshotsNewestFirst.FirstOrDefault(f => f.Period.End <= window.End)?.Period.End).Max();

    private static ResolvedFigure LatestSnapshot(string areaCode, AreaFigures figures, Period window, DateOnly? date)
    {
        var snapshots = figures.SnapshotsNewestFirst;
        var latest = 0;
        while (latest < snapshots.Count && snapshots[latest].Period.End > window.End)
        {
            latest++;
        }

        var chosen = latest;
        while (date is { } on && chosen < snapshots.Count && snapshots[chosen].Period.End != on)
        {
            chosen++;
        }

        return chosen < snapshots.Count
            ? new ResolvedFigure(areaCode, window, snapshots[chosen].Figure, FigureMethod.LatestSnapshot, snapshots[chosen].Period.End, snapshots[chosen].Sources)
            : NoSnapshot(areaCode, window, date, latest < snapshots.Count ? snapshots[latest].Period.End : null);
    }

    private static ResolvedFigure NoSnapshot(string areaCode, Period window, DateOnly? date, DateOnly? latestHeld) =>
        Empty(areaCode, window, () => latestHeld is not { } latest
            ? $"no snapshot on or before {Iso(window.End)}"
            : $"no snapshot on {Iso(date!.Value)}, the date the other areas' latest figures are for (latest held: {Iso(latest)})");

    internal static List<ObservedFigure>? Tile(Period window, IReadOnlyList<ObservedFigure> candidates) =>
        WindowTiling.Tile(window, candidates, c => c.Period);

    private static SourcedFigure Add(string areaCode, IReadOnlyList<ObservedFigure> tiles)
    {
        // Every area's rolling year and year to date is tiled: one pass over the tiles.
        var first = tiles[0].Figure;
        var (anyProvisional, sameStatus, confidentiality, revision) = (false, true, first.Confidentiality, first.Revision);
        var returnIds = new string[tiles.Count];
        List<string>? notes = null;
        for (var i = 0; i < tiles.Count; i++)
        {
            var figure = tiles[i].Figure;
            anyProvisional |= figure.Status == ObservationStatus.Provisional;
            sameStatus &= figure.Status == first.Status;
            confidentiality = figure.Confidentiality > confidentiality ? figure.Confidentiality : confidentiality;
            revision = Math.Max(revision, figure.Revision);
            returnIds[i] = figure.ReturnId;
            if (figure.Note.Length > 0 && !(notes ??= []).Contains(figure.Note))
            {
                notes.Add(figure.Note);
            }
        }

        var status = anyProvisional ? ObservationStatus.Provisional : sameStatus ? first.Status : ObservationStatus.Revised;
        return new SourcedFigure(areaCode, Sum(tiles), status, confidentiality, revision, string.Join(",", returnIds), Trend.None,
            notes is null ? "" : string.Join(" ", notes));
    }

    /// <summary>The tiles' figures added up: fractions part by part, so a tiled rate is a ratio of sums.</summary>
    private static Figure Sum(IReadOnlyList<ObservedFigure> tiles)
    {
        var fractions = true;
        foreach (var tile in tiles)
        {
            fractions &= tile.Figure.Figure.IsFraction;
        }

        if (!fractions)
        {
            var value = 0m;
            foreach (var tile in tiles)
            {
                value += tile.Figure.Figure.Value ?? 0m;
            }

            return Figure.OfValue(value);
        }

        var (numerator, denominator) = (0m, 0m);
        foreach (var tile in tiles)
        {
            numerator += tile.Figure.Figure.Numerator ?? 0m;
            denominator += tile.Figure.Figure.Denominator ?? 0m;
        }

        return Figure.OfFraction(numerator, denominator);
    }

    /// <summary>Says so when the shorter windows held also tile the window and add up to another figure than the one submitted for it.</summary>
    private static string Disagreement(Period window, ObservedFigure exact, AreaFigures figures)
    {
        // A one-month window has no shorter window, and an area holding one figure has no other: most exact figures.
        if (window.MonthCount < 2 || figures.Count < 2 || Tile(window, figures.Within(window)) is not { } tiles)
        {
            return "";
        }

        var tiled = Sum(tiles);
        if (tiled.Resolved == exact.Figure.Figure.Resolved)
        {
            return "";
        }

        var parts = string.Join(" + ", tiles.Select(t => t.Period.Label));
        return $"the figure submitted for {window.Label} ({Text(exact.Figure.Figure)}) is used; the shorter windows held ({parts}) add up to {Text(tiled)}";
    }

    private static string Text(Figure figure) => figure.IsFraction ? $"{Text(figure.Numerator)}/{Text(figure.Denominator)}" : Text(figure.Value);

    // Without the scale a database gives a stored number (990.0): the partner wrote 990.
    private static string Text(decimal? value) => value?.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private static string WhyNoTiling(Period window, IReadOnlyList<ObservedFigure> candidates)
    {
        var covered = new bool[window.MonthCount];
        foreach (var candidate in candidates)
        {
            var first = WindowTiling.MonthIndex(window, candidate.Period.Start);
            for (var i = 0; i < candidate.Period.MonthCount; i++)
            {
                covered[first + i] = true;
            }
        }

        var gap = Array.IndexOf(covered, false);
        if (gap >= 0)
        {
            var month = window.Start.AddMonths(gap);
            return $"({string.Join(", ", candidates.Select(c => c.Period.Label).Distinct())}) leave {month:yyyy-MM} uncovered";
        }

        return $"({string.Join(", ", candidates.Select(c => c.Period.Label).Distinct())}) overlap and do not tile it exactly";
    }

    private static string Describe(MeasureDefinition measure) => measure.Rule switch
    {
        AggregationRule.CountyOnly when measure.Kind == FigureKind.Count => "a count of unique people",
        AggregationRule.CountyOnly => "a county-only survey figure",
        _ => "a percentage",
    };

    private static ResolvedFigure Empty(string areaCode, Period window, Func<string> why) => new(areaCode, window, null, FigureMethod.None, null, [], why);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
