using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Reporting.Plans;
using Partnership.Reporting.ReadModel;
using Partnership.Reporting.Rollups;
using Partnership.Security;

namespace Partnership.Reporting.Delivery;

/// <summary>Reads a force's figures from the read model and builds its Delivery Quarterly Report for a window and audience.</summary>
public sealed class DeliveryReportQuery(ReportingDbContext db, DeliveryPlans plans, DeliveryReportBuilder builder, Geography geography, IReportDisclosure disclosure, ICallerContext callers)
{
    public async Task<DeliveryReport> GetAsync(string forceCode, Period window, IReadOnlyList<ComparisonKind> comparisons, ReportAudience audience, bool includeSeries, CancellationToken cancellationToken)
    {
        // The partner view shows true small counts; only a reader may have it, however it is asked for,
        // and it shows true figures only of the measures the reader's roles cover.
        var caller = callers.Current;
        if (audience == ReportAudience.Partner && !caller.IsInRole(Roles.PartnerReader) && !caller.IsInRole(Roles.SafeguardingReader))
        {
            throw new AccessDeniedException("This token does not hold a role that reads the partner view.");
        }

        using var measurement = ReportMetrics.Start("delivery_report", forceCode, window.Label);
        if (!plans.TryGet(forceCode, out var plan))
        {
            throw new KeyNotFoundException($"There is no Police and Crime Plan for '{forceCode}'.");
        }

        var rows = await ReadAsync(forceCode, cancellationToken);
        var report = builder.Build(plan, window, comparisons, rows, includeSeries);
        return disclosure.Apply(report, audience, caller);
    }

    /// <summary>The windows with figures for a force, newest first, for a period picker.</summary>
    public async Task<IReadOnlyList<Period>> WindowsAsync(string forceCode, CancellationToken cancellationToken)
    {
        var areas = AreasOf(forceCode);
        var keys = await db.Observations.AsNoTracking().Where(o => areas.Contains(o.AreaCode)).Select(o => o.PeriodKey).Distinct().ToListAsync(cancellationToken);
        return [.. keys.Select(PeriodKeys.Parse).OrderByDescending(p => p.End).ThenBy(p => p.MonthCount)];
    }

    private async Task<IReadOnlyList<ObservedRow>> ReadAsync(string forceCode, CancellationToken cancellationToken)
    {
        // Every window of every area that has ever belonged to the force: comparisons and series
        // reach back years, and the read model holds one row per figure, so this stays small.
        var areas = AreasOf(forceCode);
        var rows = await db.Observations.AsNoTracking().Where(o => areas.Contains(o.AreaCode)).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ObservedRow(r.MeasureId, PeriodKeys.Parse(r.PeriodKey),
            new SourcedFigure(r.AreaCode, r.Figure, r.Status, r.Confidentiality, r.Revision, r.ReturnId, r.Trend, r.Note)))];
    }

    private List<string> AreasOf(string forceCode) =>
        [.. geography.DistrictsEverOf(forceCode).Select(a => a.Code).Append(forceCode)];
}
