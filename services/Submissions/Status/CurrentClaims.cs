using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Submissions.Storage;

namespace Partnership.Submissions.Status;

/// <summary>
/// The figures the current revisions of a service's returns claim. A domain service holds every return
/// of its measures, so it sees every claim on a figure of its own and can tell conflicts the way the
/// aggregator resolves them (<see cref="FigurePrecedence"/>).
/// </summary>
internal static class CurrentClaims
{
    public static async Task<ILookup<(string MeasureId, string AreaCode, string PeriodKey), StoredClaim>> ForCellsAsync(
        SubmissionDbContext db, IReadOnlyCollection<(string MeasureId, string AreaCode, string PeriodKey)> cells, CancellationToken cancellationToken)
    {
        var measures = cells.Select(c => c.MeasureId).Distinct().ToList();
        var areas = cells.Select(c => c.AreaCode).Distinct().ToList();
        var periods = cells.Select(c => c.PeriodKey).Distinct().ToList();
        var rows = await (
            from o in db.Observations.AsNoTracking()
            join r in db.Returns.AsNoTracking() on o.ReturnId equals r.Id
            where measures.Contains(o.MeasureId) && areas.Contains(o.AreaCode) && periods.Contains(o.PeriodKey)
                && r.Revision == db.Returns.Where(other => other.ReturnKey == r.ReturnKey).Max(other => other.Revision)
            select new { Observation = o, r.ReturnKey, r.Revision, r.SubmittedBy, r.SubmittedAt })
            .ToListAsync(cancellationToken);
        var wanted = cells.ToHashSet();
        return rows
            .Where(r => wanted.Contains((r.Observation.MeasureId, r.Observation.AreaCode, r.Observation.PeriodKey)))
            .ToLookup(
                r => (r.Observation.MeasureId, r.Observation.AreaCode, r.Observation.PeriodKey),
                r => new StoredClaim(r.ReturnKey, r.Observation.ReturnId, r.Revision, r.SubmittedBy, r.SubmittedAt, ObservationMapper.ToObservation(r.Observation)));
    }

    /// <summary>
    /// The other claims a claim conflicts with: every other claim on the cell, or for a measure that
    /// combines returns, the other claims of the same partner (partners add up; one partner twice does not).
    /// </summary>
    public static IReadOnlyList<FigureConflict> ConflictsOf(MeasureDefinition measure, Period window, StoredClaim claim, IReadOnlyList<StoredClaim> cell)
    {
        var rivals = cell.Where(c => c.ReturnId != claim.ReturnId && (!FigurePrecedence.Combines(measure) || c.Reporter == claim.Reporter)).ToList();
        if (rivals.Count == 0)
        {
            return [];
        }

        var used = FigurePrecedence.Resolve(measure, window, cell, c => c.Claim).Used;
        var isUsed = used.Any(u => u.ReturnId == claim.ReturnId);
        return [.. rivals.Select(r => new FigureConflict(measure.Id, window, claim.Observation, r, isUsed))];
    }
}
