using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Rollups;

/// <summary>
/// Force-level figures (the criminal justice board's) arrive by snapshot date and often six-monthly,
/// so a quarter usually has none of its own. Rather than a gap, the county report shows the latest
/// figure at or before the window's end, labelled with the window or date it is for. Kept apart from
/// the window's own rollup: it only adds measures that have no figure for the window.
/// </summary>
public static class LatestForceFigures
{
    /// <summary>How far back a figure may be carried: older than this, a gap is the honest answer.</summary>
    public const int LookbackMonths = 12;

    public static IReadOnlyList<MeasureRollup> CarryForward(
        MeasureCatalogue catalogue,
        ForceFigures figures,
        string forceCode,
        Period window,
        IReadOnlySet<string> alreadyShown)
    {
        var earliest = window.End.AddMonths(-LookbackMonths);
        var result = new List<MeasureRollup>();
        foreach (var measure in catalogue.All.Where(m => m.Level == SubmissionLevel.Force && !alreadyShown.Contains(m.Id)).OrderBy(m => m.Id, StringComparer.Ordinal))
        {
            var latest = (figures.For(measure.Id).GetValueOrDefault(forceCode)?.All ?? [])
                .Where(f => f.Period.End <= window.End && f.Period.End > earliest)
                // The latest end first; among windows ending together, one as long as the asked-for window, else the longest.
                .OrderByDescending(f => f.Period.End)
                .ThenByDescending(f => f.Period.MonthCount == window.MonthCount)
                .ThenByDescending(f => f.Period.MonthCount)
                .FirstOrDefault();
            if (latest is null)
            {
                continue;
            }

            var figurePeriod = latest.Period;
            var rollup = CountyRollupCalculator.Calculate(measure, [], [], latest.Figure);
            result.Add(rollup with { FigurePeriod = figurePeriod, Explanation = $"{AsOf(figurePeriod, window)} {rollup.Explanation} {string.Join(" ", FigureSource.Conflicts(latest.Sources))}".Trim() });
        }

        return result;
    }

    /// <summary>Says which date or window a figure shown for another window is for.</summary>
    public static string AsOf(Period figurePeriod, Period window) => figurePeriod.IsSnapshot && figurePeriod.End == window.End
        ? $"As at {figurePeriod.Label}, the end of {window.Label}."
        : $"Latest figure, {(figurePeriod.IsSnapshot ? "as at" : "for")} {figurePeriod.Label}: there is none for {window.Label} itself.";
}
