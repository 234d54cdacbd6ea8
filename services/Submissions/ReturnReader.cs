using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Security;
using Partnership.Storage;
using Partnership.Submissions.Audit;
using Partnership.Submissions.Security;
using Partnership.Submissions.Storage;

namespace Partnership.Submissions;

/// <summary>
/// Reads a domain service's stored returns back: a revision of a return, and a figure's history
/// across revisions. Figures the caller may not read (<see cref="ReadAccess"/>: by role and by area) are left out; the agency that submitted them
/// sees them all.
/// </summary>
public sealed class ReturnReader<TContext>(
    TContext db,
    ServiceIdentity identity,
    MeasureCatalogue catalogue,
    ReadAccess access,
    ICallerContext callers,
    DatabaseWriteState<TContext> writes,
    TimeProvider clock) : IObservationHistory
    where TContext : SubmissionDbContext
{
    public async Task<StoredReturnView?> GetReturnAsync(string areaCode, Period period, int revision, CancellationToken cancellationToken, string source = "")
    {
        var key = ReturnKeys.For(identity.Name, areaCode, period, source);
        var revisions = db.Returns.AsNoTracking().Where(r => r.ReturnKey == key);
        var latest = await revisions.MaxAsync(r => (int?)r.Revision, cancellationToken);
        if (latest is null)
        {
            return null;
        }

        var wanted = revision > 0 ? revision : latest.Value;
        var stored = await revisions.Include(r => r.Observations).SingleOrDefaultAsync(r => r.Revision == wanted, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var caller = callers.Current;
        var ownReturn = SubmissionAccess.IsSubmitter(caller, identity, stored.AreaCode, stored.SubmittedBy);
        var readable = stored.Observations.OrderBy(o => o.Ordinal).Select(ObservationMapper.ToObservation).Where(o => MayRead(caller, o, ownReturn)).ToList();
        await AuditReadAsync(caller, stored.AreaCode, period, "GetReturn", readable, cancellationToken);

        return new StoredReturnView(
            stored.Id,
            stored.Service,
            stored.AreaCode,
            period,
            stored.Revision,
            latest.Value,
            stored.SubmittedBy,
            stored.SubmittedAt,
            readable);
    }

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

        // The latest revisions carrying the figure are its claims; when they conflict, the report uses
        // one (one per partner for a measure that combines returns), and only that one is current.
        var claims = revisions.Where(r => r.Revision == latest[r.ReturnKey] && byReturn.ContainsKey(r.Id))
            .Select(r => new Status.StoredClaim(r.ReturnKey, r.Id, r.Revision, r.SubmittedBy, r.SubmittedAt, ObservationMapper.ToObservation(byReturn[r.Id])))
            .ToList();
        var used = FigurePrecedence.Resolve(measure, period, claims, c => c.Claim).Used;
        var caller = callers.Current;
        List<ObservationRevision> history = [.. revisions.Select(r =>
        {
            var observation = byReturn.TryGetValue(r.Id, out var figure) ? ObservationMapper.ToObservation(figure) : null;
            var readable = observation is not null
                && access.MayRead(caller, measure, observation.Confidentiality, observation.AreaCode, observation.Period.End, SubmissionAccess.IsSubmitter(caller, identity, r.AreaCode, r.SubmittedBy));
            var inReport = used.Any(u => u.ReturnId == r.Id);
            var conflict = !inReport && claims.Any(c => c.ReturnId == r.Id)
                ? $"conflicts with {string.Join(" and ", used.Select(u => u.ReturnKey))}, which the report uses"
                : "";
            return new ObservationRevision(r.Service, r.Source, r.Id, r.Revision, latest[r.ReturnKey], r.SubmittedBy, r.SubmittedAt, readable ? observation : null, inReport, conflict);
        })];
        await AuditReadAsync(caller, areaCode, period, "GetObservationHistory", [.. history.Select(h => h.Observation).OfType<Observation>()], cancellationToken);
        return history;
    }

    /// <summary>
    /// Records a read that returns restricted or safeguarding figures before they leave, like the
    /// aggregator's reads: who, which area and period, and which call. A read that cannot be recorded fails.
    /// </summary>
    private async Task AuditReadAsync(Caller caller, string areaCode, Period period, string call, IReadOnlyList<Observation> shown, CancellationToken cancellationToken)
    {
        if (!shown.Any(o => catalogue.TryGet(o.MeasureId, out var measure) && ReadAccess.IsAudited(measure, o.Confidentiality)))
        {
            return;
        }

        db.ChangeTracker.Clear();
        db.Audit.Add(AuditEntries.ForRequest(identity, caller, areaCode, period, AuditOutcome.Read, clock.GetUtcNow(), call));
        await writes.RunAsync(() => db.SaveChangesAsync(cancellationToken));

        db.ChangeTracker.Clear();
    }

    private bool MayRead(Caller caller, Observation observation, bool ownReturn) =>
        ownReturn || (catalogue.TryGet(observation.MeasureId, out var measure) && access.MayRead(caller, measure, observation.Confidentiality, observation.AreaCode, observation.Period.End));
}
