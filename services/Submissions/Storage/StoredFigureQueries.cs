using Microsoft.EntityFrameworkCore;
using Partnership.Domain;

namespace Partnership.Submissions.Storage;

/// <summary>One figure as the latest revision of its return holds it.</summary>
public sealed record StoredFigure(string AreaCode, string MeasureId, string PeriodKey, Figure Figure, int Revision);

public static class StoredFigureQueries
{
    /// <summary>
    /// The figures of some measures for some areas and windows, each from the latest revision of the
    /// return that holds it: what a rule checks a new return against (a force-wide figure against
    /// the district figures already in). Synchronous because return rules are.
    /// </summary>
    public static IReadOnlyList<StoredFigure> LatestFigures(
        this SubmissionDbContext db,
        string service,
        IReadOnlyCollection<string> areaCodes,
        IReadOnlyCollection<string> periodKeys,
        IReadOnlyCollection<string> measureIds)
    {
        // The latest revision is taken over the whole return, so a figure dropped by a resubmission
        // does not come back from an earlier revision.
        var latest = db.Returns.AsNoTracking()
            .Where(r => r.Service == service && areaCodes.Contains(r.AreaCode))
            .GroupBy(r => r.ReturnKey)
            .Select(g => new { ReturnKey = g.Key, Revision = g.Max(r => r.Revision) })
            .ToDictionary(r => r.ReturnKey, r => r.Revision, StringComparer.Ordinal);

        var rows = db.Observations.AsNoTracking()
            .Where(o => areaCodes.Contains(o.AreaCode) && periodKeys.Contains(o.PeriodKey) && measureIds.Contains(o.MeasureId))
            .Join(db.Returns.Where(r => r.Service == service), o => o.ReturnId, r => r.Id, (o, r) => new { Observation = o, r.ReturnKey, r.Revision })
            .ToList();

        return [.. rows
            .Where(r => latest.TryGetValue(r.ReturnKey, out var revision) && revision == r.Revision)
            .Select(r => new StoredFigure(r.Observation.AreaCode, r.Observation.MeasureId, r.Observation.PeriodKey,
                new Figure(r.Observation.Value, r.Observation.Numerator, r.Observation.Denominator), r.Revision))];
    }
}
