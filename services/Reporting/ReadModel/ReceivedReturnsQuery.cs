using Microsoft.EntityFrameworkCore;
using Partnership.Domain;

namespace Partnership.Reporting.ReadModel;

/// <summary>Which returns of a period the aggregator holds, and at which revision.</summary>
public sealed class ReceivedReturnsQuery(ReportingDbContext db)
{
    public async Task<IReadOnlyList<ReturnVersion>> ListAsync(Period period, CancellationToken cancellationToken) =>
        await db.ReturnVersions.AsNoTracking()
            .Where(r => r.PeriodKey == period.Key)
            .OrderBy(r => r.ReturnKey)
            .ToListAsync(cancellationToken);
}
