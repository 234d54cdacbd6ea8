using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Reporting.Comparisons;
using Partnership.Reporting.Editions;
using Partnership.Reporting.Plans;
using Partnership.Reporting.ReadModel;
using Partnership.Security;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// Reads a force's figures from the read model and builds its Delivery Quarterly Report for a window
/// and audience. The partner view is the live figures; the public view is the latest published edition.
/// </summary>
public sealed class DeliveryReportQuery(ReportingDbContext db, ForceFiguresCache figures, DeliveryPlans plans, DeliveryReportBuilder builder, Geography geography, IReportDisclosure disclosure, ReadAuditLog reads, ICallerContext callers, PublishedEditions published, NationalFigureStore nationalFigures, SeriesBreaks breaks)
{
    public async Task<DeliveryReport> GetAsync(string forceCode, Period window, IReadOnlyList<ComparisonKind> comparisons, ReportAudience audience, bool includeSeries, CancellationToken cancellationToken)
    {
        // The partner view shows true small counts; only a reader of the force may have it, however it
        // is asked for, and it shows true figures only of the measures the reader's roles cover.
        var caller = callers.Current;
        if (audience == ReportAudience.Partner && ReadAccess.PartnerViewDenial(caller, forceCode) is { } denial)
        {
            throw new AccessDeniedException(denial);
        }

        if (audience == ReportAudience.Public)
        {
            // Published figures never move: the public reads what was signed off, never the live figures.
            return await published.PublicReportAsync(geography.Get(forceCode), window, comparisons, includeSeries, cancellationToken);
        }

        var report = await BuildAsync(forceCode, window, comparisons, includeSeries, cancellationToken);
        if (audience == ReportAudience.Partner)
        {
            await reads.RecordAsync(caller, forceCode, window, cancellationToken);
        }

        return disclosure.Apply(report, audience, caller);
    }

    /// <summary>The report from the live figures, true figures throughout, before any disclosure control: what an edition holds.</summary>
    public async Task<DeliveryReport> BuildAsync(string forceCode, Period window, IReadOnlyList<ComparisonKind> comparisons, bool includeSeries, CancellationToken cancellationToken)
    {
        using var measurement = ReportMetrics.Start("delivery_report", forceCode, window.Label);
        return await BuildUnmeasuredAsync(forceCode, window, comparisons, includeSeries, cancellationToken);
    }

    /// <summary>
    /// The same report, neither timed nor traced: the start-up warm-up's (<see cref="ReportCacheWarmUp"/>),
    /// which no reader asked for, so the report metric stays a measure of what readers wait for.
    /// </summary>
    internal Task<DeliveryReport> BuildForWarmUpAsync(string forceCode, Period window, CancellationToken cancellationToken) =>
        BuildUnmeasuredAsync(forceCode, window, Enum.GetValues<ComparisonKind>(), includeSeries: true, cancellationToken);

    private async Task<DeliveryReport> BuildUnmeasuredAsync(string forceCode, Period window, IReadOnlyList<ComparisonKind> comparisons, bool includeSeries, CancellationToken cancellationToken)
    {
        if (!plans.TryGet(forceCode, out var plan))
        {
            throw new KeyNotFoundException($"There is no Police and Crime Plan for '{forceCode}'.");
        }

        using var slot = await figures.ReportSlotAsync(cancellationToken);
        var held = await figures.GetAsync(db, forceCode, AreasOf(geography, forceCode), cancellationToken);
        var national = await nationalFigures.ForAsync(
            [.. plan.Themes.SelectMany(t => t.Objectives).SelectMany(o => o.Measures).Select(m => m.Measure + NationalFiguresCsv.PerThousandSuffix)],
            ForceComparer.WindowsFor(window, comparisons),
            cancellationToken);
        return breaks.Mark(builder.Build(plan, window, comparisons, held, includeSeries, national));
    }

    /// <summary>The windows with figures for a force, newest first, for a period picker.</summary>
    public async Task<IReadOnlyList<Period>> WindowsAsync(string forceCode, CancellationToken cancellationToken)
    {
        // Every area that has ever belonged to the force: comparisons and series reach back years.
        var held = await figures.GetAsync(db, forceCode, AreasOf(geography, forceCode), cancellationToken);
        return [.. held.Windows().OrderByDescending(p => p.End).ThenBy(p => p.MonthCount)];
    }

    /// <summary>Every return the aggregator holds for the force and its districts: who sent it and for which window.</summary>
    public async Task<IReadOnlyList<HeldReturn>> ReturnsAsync(string forceCode, CancellationToken cancellationToken)
    {
        var areas = AreasOf(geography, forceCode);
        var held = await db.ReturnVersions.AsNoTracking()
            .Where(r => areas.Contains(r.AreaCode))
            .Select(r => new { r.SourceService, r.AreaCode, r.PeriodKey })
            .ToListAsync(cancellationToken);
        return [.. held.Select(r => new HeldReturn($"{r.SourceService} {r.AreaCode}", PeriodKeys.Parse(r.PeriodKey)))];
    }

    /// <summary>The areas whose returns make a force's figures: every area that has ever belonged to it, and the force itself.</summary>
    public static List<string> AreasOf(Geography geography, string forceCode) =>
        [.. geography.DistrictsEverOf(forceCode).Select(a => a.Code).Append(forceCode)];
}
