using System.Globalization;
using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Comparisons;

/// <summary>A force's rate in a national table; null when the table has no figure for it.</summary>
public sealed record ForceRate(string Code, string Name, decimal? Value);

/// <summary>A place in a ranking, e.g. "2nd lowest of 8" or, shared with another force, "=3rd highest of 43".</summary>
public sealed record ForceRank(int Position, bool Tied, int Of, RankDirection Direction)
{
    public string Text => $"{(Tied ? "=" : "")}{Ordinal(Position)} {(Direction == RankDirection.Highest ? "highest" : "lowest")} of {Of}";

    /// <summary>The same in words, for a CSV cell (a leading "=" would be taken for a formula): "joint 3rd highest of 43".</summary>
    public string Words => $"{(Tied ? "joint " : "")}{Ordinal(Position)} {(Direction == RankDirection.Highest ? "highest" : "lowest")} of {Of}";

    public override string ToString() => Text;

    public static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => n.ToString(CultureInfo.InvariantCulture) + "th",
        _ => n.ToString(CultureInfo.InvariantCulture) + (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" },
    };
}

/// <summary>Which end counts first: the better end by the measure's polarity (lowest for lower-is-better and for measures to monitor).</summary>
public enum RankDirection
{
    Lowest,
    Highest,
}

/// <summary>
/// How a force stands against other forces on one measure's rate per 1,000, all from one publication
/// and one window: its own rate, its most similar group's average (the mean of its peers' rates, the
/// force itself left out), the England and Wales rate, and its rank in its group and among all forces.
/// </summary>
/// <param name="HasGroup">False when no most similar group is held for the force on the window's end.</param>
/// <param name="GroupVerified">False when any membership of the group is unverified (see the groups' notes).</param>
/// <param name="ForcesInAll">The forces of England and Wales; <see cref="NationalRank"/> is among those of them with a figure.</param>
public sealed record ForceComparison(
    string MeasureId,
    Period Window,
    string Publication,
    DateOnly PublishedOn,
    ForceRate Force,
    decimal? EnglandAndWales,
    bool HasGroup,
    bool GroupVerified,
    IReadOnlyList<ForceRate> Peers,
    decimal? GroupAverage,
    ForceRank? GroupRank,
    ForceRank? NationalRank,
    int ForcesInAll)
{
    public IReadOnlyList<ForceRate> MissingPeers => [.. Peers.Where(p => p.Value is null)];

    /// <summary>How many peers' rates the average is of.</summary>
    public int GroupAverageOf => Peers.Count(p => p.Value is not null);
}

/// <summary>Makes the comparison with other forces for a report's measure from the national figures held.</summary>
public sealed class ForceComparer(MostSimilarGroups groups, PoliceForces forces)
{
    /// <summary>
    /// The windows a report may show national figures for, in order: its comparisons' own windows, then
    /// the 12 months to its end (what national crime tables publish), so a quarterly report shows the
    /// year's comparison, labelled with that window. Never a window ending elsewhere.
    /// </summary>
    public static IReadOnlyList<Period> WindowsFor(Period window, IReadOnlyList<ComparisonKind> comparisons) =>
        [.. (comparisons.Count == 0 ? ComparisonWindows.All : comparisons).Append(ComparisonKind.Rolling12Months)
            .Select(kind => ComparisonWindows.For(kind, window).Current).Distinct()];

    /// <summary>
    /// The comparison for the first of <paramref name="windows"/> (the report's own windows) with a
    /// national rate for the force; null when there is none for any of them. Only counts have a rate
    /// per 1,000; only a window equal to one of the report's is used, never a neighbouring one.
    /// </summary>
    public ForceComparison? Compare(string forceCode, MeasureDefinition measure, Polarity polarity, IEnumerable<Period> windows, NationalFigures national)
    {
        if (measure.Kind != FigureKind.Count || national.Rows.Count == 0)
        {
            return null;
        }

        var area = Geography.Canonical(forceCode);
        var rateId = measure.Id + NationalFiguresCsv.PerThousandSuffix;
        foreach (var window in windows.Distinct())
        {
            // One publication for every figure of the comparison: the latest with the force's own rate.
            var own = national.Rows
                .Where(r => r.MeasureId == rateId && r.Window == window && r.AreaCode == area)
                .OrderByDescending(r => r.PublishedOn).ThenBy(r => r.Publication, StringComparer.Ordinal)
                .FirstOrDefault();
            if (own is null)
            {
                continue;
            }

            var rates = national.Rows
                .Where(r => r.MeasureId == rateId && r.Window == window && r.Publication == own.Publication)
                .ToDictionary(r => r.AreaCode, r => r.Value, StringComparer.Ordinal);
            return Build(area, own, rates, polarity);
        }

        return null;
    }

    private ForceComparison Build(string area, NationalFigureRow own, Dictionary<string, decimal> rates, Polarity polarity)
    {
        var direction = polarity == Polarity.HigherIsBetter ? RankDirection.Highest : RankDirection.Lowest;
        var group = groups.For(area, own.Window.End);
        var peers = (group?.Peers ?? []).Select(p => new ForceRate(p.Code, forces.NameOf(p.Code), Rate(rates, p.Code))).ToList();
        var peerValues = peers.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        var national = forces.Codes.Where(c => c != area && rates.ContainsKey(c)).Select(c => rates[c]).ToList();
        return new ForceComparison(
            own.MeasureId,
            own.Window,
            own.Publication,
            own.PublishedOn,
            new ForceRate(area, forces.NameOf(area), own.Value),
            Rate(rates, PoliceForces.EnglandAndWales),
            group is not null,
            group?.Verified ?? false,
            peers,
            peerValues.Count == 0 ? null : peerValues.Sum() / peerValues.Count,
            group is null ? null : Rank(own.Value, peerValues, direction),
            Rank(own.Value, national, direction),
            forces.Codes.Count);
    }

    /// <summary>The force's place among itself and <paramref name="others"/>: one more than the number strictly ahead of it; equal rates share a place.</summary>
    public static ForceRank Rank(decimal value, IReadOnlyCollection<decimal> others, RankDirection direction)
    {
        var ahead = others.Count(o => direction == RankDirection.Lowest ? o < value : o > value);
        return new ForceRank(ahead + 1, others.Contains(value), others.Count + 1, direction);
    }

    private static decimal? Rate(Dictionary<string, decimal> rates, string code) => rates.TryGetValue(code, out var value) ? value : null;
}
