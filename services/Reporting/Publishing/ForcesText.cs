using System.Globalization;
using Partnership.Reporting.Comparisons;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Publishing;

/// <summary>How every output writes a force's comparison with other forces: rates per 1,000 to 1 dp, ranks as words.</summary>
public static class ForcesText
{
    public const string Heading = "Against other forces: rates per 1,000 population";

    public static string Rate(decimal? rate) => rate is { } value ? value.ToString("#,##0.0", CultureInfo.InvariantCulture) : FigureText.NoFigure;

    public static string GroupAverage(ForceComparison c) =>
        !c.HasGroup ? "no group held" : c.GroupAverage is { } average ? $"{Rate(average)} (of {c.GroupAverageOf} peers)" : "no peer has a figure";

    public static string GroupRank(ForceComparison c) => c.GroupRank?.Text ?? "";

    /// <summary>"36th lowest of 43", or with fewer forces in the table, how many had no figure.</summary>
    public static string NationalRank(ForceComparison c) => c.NationalRank is not { } rank ? ""
        : rank.Of < c.ForcesInAll ? $"{rank.Text} ({c.ForcesInAll - rank.Of} of {c.ForcesInAll} forces have no figure)" : rank.Text;

    /// <summary>The peers the average and rank leave out, the state of the group, and the source.</summary>
    public static string Notes(ForceComparison c)
    {
        var notes = new List<string>();
        if (c.MissingPeers.Count > 0)
        {
            notes.Add($"No figure for {string.Join(", ", c.MissingPeers.Select(p => p.Name))}.");
        }

        if (c.HasGroup && !c.GroupVerified)
        {
            notes.Add("Group membership unverified.");
        }

        notes.Add($"{c.Publication}, published {FigureText.Iso(c.PublishedOn)}.");
        return string.Join(" ", notes);
    }

    public static IEnumerable<MeasureReport> Compared(DeliveryReport report) => report.Rows().Select(r => r.Measure).Where(m => m.Forces is not null);
}
