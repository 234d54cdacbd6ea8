using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Reporting.ReadModel;
using Partnership.Security;
using Partnership.Storage;

namespace Partnership.Reporting.Editions;

/// <summary>The editions' audit trail: an entry is saved with the change it records, in one transaction.</summary>
public static class EditionAudit
{
    /// <param name="caller">Null for a publication: the embargo makes it, not a caller.</param>
    public static EditionAuditEntry Entry(Edition edition, EditionAction action, Caller? caller, long atMs, string detail)
    {
        var period = PeriodKeys.Parse(edition.PeriodKey);
        return new EditionAuditEntry
        {
            Edition = edition,
            Action = action,
            OccurredAtMs = atMs,
            Agency = Bounded(caller?.Agency ?? ""),
            Subject = Bounded(caller?.Subject ?? ""),
            ClientAddress = Bounded(caller?.ClientAddress ?? ""),
            AreaCode = edition.ForceAreaCode,
            PeriodStart = AuditText.IsoDate(period.Start),
            PeriodEnd = AuditText.IsoDate(period.End),
            PeriodLabel = period.Label,
            Detail = Bounded(detail),
        };
    }

    /// <summary>Entries of <paramref name="areaCode"/>'s editions whose period lies within <paramref name="period"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<EditionAuditEntry>> ListAsync(ReportingDbContext db, string areaCode, Period period, int limit, CancellationToken cancellationToken)
    {
        var start = AuditText.IsoDate(period.Start);
        var end = AuditText.IsoDate(period.End);
        return await db.EditionAudit.AsNoTracking()
            .Where(e => e.AreaCode == areaCode && string.Compare(e.PeriodStart, start) >= 0 && string.Compare(e.PeriodEnd, end) <= 0)
            .OrderBy(e => e.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    private static string Bounded(string text) => AuditText.Bounded(text, EditionAuditEntry.MaxText);
}
