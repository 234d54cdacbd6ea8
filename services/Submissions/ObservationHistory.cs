using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Submissions.Security;

namespace Partnership.Submissions;

/// <summary>
/// One revision of a return that carried a figure, as it bears on that figure: what it said, or null
/// when that revision left the figure out (or the caller may not read it).
/// </summary>
public sealed record ObservationRevision(
    string Service,
    string Source,
    Guid ReturnId,
    int Revision,
    int LatestRevision,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    Observation? Observation)
{
    public bool IsCurrent => Revision == LatestRevision;
}

/// <summary>A domain service's answer to "what has this figure been, revision by revision?".</summary>
public interface IObservationHistory
{
    Task<IReadOnlyList<ObservationRevision>> GetObservationHistoryAsync(string measureId, string areaCode, Period period, CancellationToken cancellationToken);
}

public sealed partial class SubmissionPipeline<TContext> : IObservationHistory
{
    /// <summary>
    /// Every revision of each return that ever carried the figure (measure x area x period), oldest
    /// first. Revisions are stored, never overwritten, so this is the figure's whole history.
    /// </summary>
    public async Task<IReadOnlyList<ObservationRevision>> GetObservationHistoryAsync(string measureId, string areaCode, Period period, CancellationToken cancellationToken)
    {
        if (!catalogue.TryGet(measureId, out var measure) || measure.Service != identity.Name)
        {
            return [];
        }

        var periodKey = period.Key;
        var figures = db.Observations.AsNoTracking().Where(o => o.MeasureId == measureId && o.AreaCode == areaCode && o.PeriodKey == periodKey);
        var returnKeys = db.Returns.Where(r => figures.Any(o => o.ReturnId == r.Id)).Select(r => r.ReturnKey);
        var revisions = await db.Returns.AsNoTracking()
            .Where(r => returnKeys.Contains(r.ReturnKey))
            .OrderBy(r => r.ReturnKey).ThenBy(r => r.Revision)
            .ToListAsync(cancellationToken);
        var ids = revisions.Select(r => r.Id).ToList();
        var stored = await figures.Where(o => ids.Contains(o.ReturnId)).ToListAsync(cancellationToken);
        var byReturn = stored.ToDictionary(o => o.ReturnId);
        var latest = revisions.GroupBy(r => r.ReturnKey).ToDictionary(g => g.Key, g => g.Max(r => r.Revision));

        var caller = callers.Current;
        return [.. revisions.Select(r =>
        {
            var observation = byReturn.TryGetValue(r.Id, out var figure) ? ToObservation(figure) : null;
            var readable = observation is not null
                && SubmissionAccess.MayRead(caller, measure, observation.Confidentiality, SubmissionAccess.IsOwnArea(caller, identity, r.AreaCode));
            return new ObservationRevision(r.Service, r.Source, r.Id, r.Revision, latest[r.ReturnKey], r.SubmittedBy, r.SubmittedAt, readable ? observation : null);
        })];
    }
}
