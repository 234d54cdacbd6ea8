using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Submissions.Storage;

namespace Partnership.Submissions.Audit;

/// <summary>Reads one domain service's audit trail. A host running several services has one per service.</summary>
public interface IAuditLog
{
    string Service { get; }

    /// <summary>Entries for <paramref name="areaCode"/> whose return period lies within <paramref name="period"/>, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string areaCode, Period period, int limit, CancellationToken cancellationToken);
}

internal sealed class AuditLog<TContext>(TContext db, ServiceIdentity identity) : IAuditLog
    where TContext : SubmissionDbContext
{
    public string Service => identity.Name;

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string areaCode, Period period, int limit, CancellationToken cancellationToken)
    {
        var start = AuditEntries.IsoDate(period.Start);
        var end = AuditEntries.IsoDate(period.End);
        // ISO dates compare as text on every provider.
        return await db.Audit.AsNoTracking()
            .Where(e => e.AreaCode == areaCode && string.Compare(e.PeriodStart, start) >= 0 && string.Compare(e.PeriodEnd, end) <= 0)
            .OrderBy(e => e.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }
}
