using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Reporting.ReadModel;

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

    public static async Task<IReadOnlyList<MeasureRollup>> CarryForwardAsync(
        ReportingDbContext db,
        MeasureCatalogue catalogue,
        string forceCode,
        Period window,
        IReadOnlySet<string> alreadyShown,
        CancellationToken cancellationToken)
    {
        var wanted = catalogue.All.Where(m => m.Level == SubmissionLevel.Force && !alreadyShown.Contains(m.Id)).Select(m => m.Id).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var rows = await db.Observations.AsNoTracking()
            .Where(o => o.AreaCode == forceCode && wanted.Contains(o.MeasureId))
            .ToListAsync(cancellationToken);
        var submittedAt = await CountyRollupQuery.SubmittedAtAsync(db, rows, cancellationToken);

        var earliest = window.End.AddMonths(-LookbackMonths);
        var result = new List<MeasureRollup>();
        foreach (var measureRows in rows.GroupBy(r => r.MeasureId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var latest = measureRows
                .Select(r => PeriodKeys.Parse(r.PeriodKey))
                .Distinct()
                .Where(p => p.End <= window.End && p.End > earliest)
                // The latest end first; among windows ending together, one as long as the asked-for window, else the longest.
                .OrderByDescending(p => p.End)
                .ThenByDescending(p => p.MonthCount == window.MonthCount)
                .ThenByDescending(p => p.MonthCount)
                .Cast<Period?>()
                .FirstOrDefault();
            if (latest is not { } figurePeriod)
            {
                continue;
            }

            var measure = catalogue.Get(measureRows.Key);
            var figures = measureRows.Where(r => r.PeriodKey == figurePeriod.Key).Select(r => CountyRollupQuery.ToSourced(r, submittedAt)).ToList();
            var county = CountyRollupQuery.Combine(measure, figurePeriod, figures);
            var rollup = CountyRollupCalculator.Calculate(measure, [], [], county.Figure);
            var asOf = figurePeriod.IsSnapshot && figurePeriod.End == window.End
                ? $"As at {figurePeriod.Label}, the end of {window.Label}."
                : $"Latest figure, {(figurePeriod.IsSnapshot ? "as at" : "for")} {figurePeriod.Label}: there is none for {window.Label} itself.";
            result.Add(rollup with { FigurePeriod = figurePeriod, Explanation = $"{asOf} {rollup.Explanation} {county.Conflict}".Trim() });
        }

        return result;
    }
}
