using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Security;
using Partnership.Storage;

namespace Partnership.Reporting.ReadModel;

/// <summary>
/// The aggregator's record of every read of restricted or safeguarding figures it served. A read is
/// recorded before its figures leave: a read that cannot be recorded fails.
/// </summary>
public sealed class ReadAuditLog(ReportingDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public async Task RecordAsync(Caller caller, string areaCode, Period period, CancellationToken cancellationToken)
    {
        db.ReadAudit.Add(new ReadAuditEntry
        {
            OccurredAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Agency = Bounded(caller.Agency),
            Subject = Bounded(caller.Subject),
            ClientAddress = Bounded(caller.ClientAddress),
            AreaCode = Bounded(areaCode),
            PeriodStart = IsoDate(period.Start),
            PeriodEnd = IsoDate(period.End),
            PeriodLabel = period.Label,
            // A gRPC call's path is its method, e.g. /partnership.reporting.v1.DeliveryReports/GetDeliveryReport.
            Call = Bounded(http.HttpContext?.Request.Path.Value ?? ""),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Reads of <paramref name="areaCode"/> whose period lies within <paramref name="period"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ReadAuditEntry>> ListAsync(string areaCode, Period period, int limit, CancellationToken cancellationToken)
    {
        var start = IsoDate(period.Start);
        var end = IsoDate(period.End);
        // ISO dates compare as text on every provider.
        return await db.ReadAudit.AsNoTracking()
            .Where(e => e.AreaCode == areaCode && string.Compare(e.PeriodStart, start) >= 0 && string.Compare(e.PeriodEnd, end) <= 0)
            .OrderBy(e => e.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    private static string IsoDate(DateOnly date) => AuditText.IsoDate(date);

    private static string Bounded(string text) => AuditText.Bounded(text, ReadAuditEntry.MaxText);
}
