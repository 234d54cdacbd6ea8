using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Security;
using Partnership.Submissions.Storage;

namespace Partnership.Submissions.Status;

/// <summary>
/// A partner's own returns to one service: every return for an area its sign-in holds, with every
/// revision, who submitted it (as the audit trail recorded the call), what changed from the revision
/// before, and whether its event has gone out to the aggregator. Read from what the pipeline stores
/// (revisions, the audit trail, the outbox); a caller without the service's submitter role has none.
/// </summary>
public sealed class MyReturnsQuery<TContext>(TContext db, ServiceIdentity identity)
    where TContext : SubmissionDbContext
{
    public async Task<IReadOnlyList<MyReturn>> ForAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!caller.IsAuthenticated || !caller.IsInRole(identity.SubmitterRole) || caller.Areas.Count == 0)
        {
            return [];
        }

        var areas = caller.Areas.ToList();
        var revisions = await db.Returns.AsNoTracking()
            .Where(r => r.Service == identity.Name && areas.Contains(r.AreaCode))
            .OrderBy(r => r.ReturnKey).ThenBy(r => r.Revision)
            .ToListAsync(cancellationToken);
        var ids = revisions.Select(r => r.Id).ToList();
        var figures = (await db.Observations.AsNoTracking().Where(o => ids.Contains(o.ReturnId)).ToListAsync(cancellationToken))
            .ToLookup(o => o.ReturnId);
        var submitters = (await db.Audit.AsNoTracking()
                .Where(a => a.Outcome == AuditOutcome.Accepted && a.ReturnId != null && ids.Contains(a.ReturnId.Value))
                .Select(a => new { a.ReturnId, a.Agency, a.Subject })
                .ToListAsync(cancellationToken))
            .ToDictionary(a => a.ReturnId!.Value, a => (a.Agency, a.Subject));
        var published = (await db.Outbox.AsNoTracking()
                .Where(m => m.ReturnId != null && ids.Contains(m.ReturnId.Value))
                .Select(m => new { m.ReturnId, m.PublishedAtMs })
                .ToListAsync(cancellationToken))
            .ToDictionary(m => m.ReturnId!.Value, m => m.PublishedAtMs);

        return [.. revisions.GroupBy(r => r.ReturnKey).Select(group =>
        {
            var ordered = group.ToList();
            var first = ordered[0];
            var period = PeriodKeys.Parse(first.PeriodKey);
            // The aggregator keeps the newest revision it has been sent, so that one is in the report.
            var current = ordered.Where(r => published.GetValueOrDefault(r.Id) is not null).Select(r => (int?)r.Revision).Max();
            IReadOnlyList<StoredObservation> before = [];
            var rows = new List<MyReturnRevision>();
            foreach (var revision in ordered)
            {
                var now = figures[revision.Id].OrderBy(o => o.Ordinal).ToList();
                var (agency, subject) = submitters.TryGetValue(revision.Id, out var who) ? who : (revision.SubmittedBy, "");
                var sent = published.TryGetValue(revision.Id, out var at) && at is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
                rows.Add(new MyReturnRevision(
                    revision.Id, revision.Revision, revision.SubmittedAt, agency, subject, now.Count,
                    revision.Revision == ordered[0].Revision ? null : RevisionChanges.Between(before, now, first.PeriodKey),
                    sent, revision.Revision == current));
                before = now;
            }

            return new MyReturn(first.Service, first.AreaCode, period, first.Source, rows);
        }).OrderBy(r => r.AreaCode, StringComparer.Ordinal).ThenByDescending(r => r.Period.End).ThenBy(r => r.Source, StringComparer.Ordinal)];
    }
}

/// <summary>One return (service, area, period and source) with its revisions, oldest first.</summary>
public sealed record MyReturn(string Service, string AreaCode, Period Period, string Source, IReadOnlyList<MyReturnRevision> Revisions);

/// <summary>
/// One revision as its partner sees it. <c>Changes</c> is null for the first revision. <c>PublishedAt</c>
/// is when its event went to the aggregator (null while it waits in the outbox); the current revision
/// is the newest one sent, which is the one the report holds.
/// </summary>
public sealed record MyReturnRevision(
    Guid ReturnId,
    int Revision,
    DateTimeOffset SubmittedAt,
    string Agency,
    string Subject,
    int ObservationCount,
    RevisionChanges? Changes,
    DateTimeOffset? PublishedAt,
    bool IsCurrent);

/// <summary>The figures a revision added, changed or removed, named by measure id (and period, when not the return's).</summary>
public sealed record RevisionChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed)
{
    public bool IsNone => Added.Count == 0 && Changed.Count == 0 && Removed.Count == 0;

    public static RevisionChanges Between(IReadOnlyList<StoredObservation> before, IReadOnlyList<StoredObservation> after, string returnPeriodKey)
    {
        var old = before.ToDictionary(Key);
        var now = after.ToDictionary(Key);
        return new RevisionChanges(
            [.. now.Keys.Where(k => !old.ContainsKey(k)).Select(Name)],
            [.. now.Where(n => old.TryGetValue(n.Key, out var o) && !Same(o, n.Value)).Select(n => Name(n.Key))],
            [.. old.Keys.Where(k => !now.ContainsKey(k)).Select(Name)]);

        string Name((string Measure, string Area, string PeriodKey) key) =>
            key.PeriodKey == returnPeriodKey ? key.Measure : $"{key.Measure} ({PeriodKeys.Parse(key.PeriodKey).Label})";
    }

    private static (string Measure, string Area, string PeriodKey) Key(StoredObservation o) => (o.MeasureId, o.AreaCode, o.PeriodKey);

    private static bool Same(StoredObservation a, StoredObservation b) =>
        a.Value == b.Value && a.Numerator == b.Numerator && a.Denominator == b.Denominator && a.Status == b.Status
        && a.Confidentiality == b.Confidentiality && a.Trend == b.Trend && string.Equals(a.Note, b.Note, StringComparison.Ordinal);
}
