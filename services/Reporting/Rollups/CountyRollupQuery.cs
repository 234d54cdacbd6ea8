using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Reporting.ReadModel;

namespace Partnership.Reporting.Rollups;

/// <summary>Reads one window's figures for a force and its districts from the read model and rolls them up.</summary>
public sealed class CountyRollupQuery(ReportingDbContext db, MeasureCatalogue catalogue, Geography geography)
{
    public async Task<CountyRollup> GetAsync(string forceCode, Period period, CancellationToken cancellationToken)
    {
        using var measurement = ReportMetrics.Start("county_rollup", forceCode, period.Label);
        if (!geography.TryGet(forceCode, out var force) || force.Type != AreaType.Force)
        {
            throw new KeyNotFoundException($"'{forceCode}' is not a force area.");
        }

        var districts = geography.DistrictsOf(forceCode, period.End);
        var areaCodes = districts.Select(d => d.Code).Append(forceCode).ToList();
        var rows = await db.Observations.AsNoTracking()
            .Where(o => o.PeriodKey == period.Key && areaCodes.Contains(o.AreaCode))
            .ToListAsync(cancellationToken);
        var submittedAt = await SubmittedAtAsync(db, rows, cancellationToken);

        var measures = new List<MeasureRollup>();
        foreach (var group in rows.GroupBy(r => r.MeasureId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (!catalogue.TryGet(group.Key, out var measure))
            {
                // A measure this aggregator's catalogue does not know yet cannot be rolled up safely.
                continue;
            }

            // Several returns can hold a figure for one area (each commissioned provider, each court):
            // they are combined per area before the county rule applies.
            var combined = group.GroupBy(r => r.AreaCode).Select(area => Combine(measure, period, [.. area.Select(r => ToSourced(r, submittedAt))])).ToList();
            var figures = combined.Select(c => c.Figure).ToList();
            var county = figures.SingleOrDefault(f => f.AreaCode == forceCode);
            var districtFigures = figures.Where(f => f.AreaCode != forceCode).ToList();
            // A force-level measure expects no districts, so none is missing.
            IReadOnlyList<AreaDefinition> expected = measure.Level == SubmissionLevel.Force ? [] : districts;
            var rollup = CountyRollupCalculator.Calculate(measure, expected, districtFigures, county);
            var conflicts = string.Join(" ", combined.Select(c => c.Conflict).Where(c => c.Length > 0));
            measures.Add(conflicts.Length == 0 ? rollup : rollup with { Explanation = $"{rollup.Explanation} {conflicts}".TrimStart() });
        }

        measures.AddRange(await LatestForceFigures.CarryForwardAsync(db, catalogue, force.Code, period, measures.Select(m => m.Measure.Id).ToHashSet(StringComparer.Ordinal), cancellationToken));
        measures = [.. measures.Concat(DerivedMeasureCalculator.Calculate(catalogue, districts, measures)).OrderBy(m => m.Measure.Id, StringComparer.Ordinal)];

        return new CountyRollup(force, period, measures);
    }

    /// <summary>
    /// Combines one area's figures for one window from the returns that claim it (docs/reporting.md,
    /// "One figure, counted once"): partners of a measure that combines returns add up (numerators and
    /// denominators separately for ratios); any other claims conflict, and one stands, never a sum.
    /// </summary>
    public static CombinedFigure Combine(MeasureDefinition measure, Period window, IReadOnlyList<SourcedFigure> figures)
    {
        var resolution = FigurePrecedence.Resolve(measure, window, figures, f => f.Claim);
        var used = resolution.Used;
        var conflict = CombinedFigure.Describe(window, used, resolution.NotUsed);
        if (used.Count == 1)
        {
            return new CombinedFigure(used[0], resolution.NotUsed, conflict);
        }

        var figure = measure.Kind is FigureKind.Ratio or FigureKind.Quotient
            ? Figure.OfFraction(used.Sum(f => f.Figure.Numerator ?? 0m), used.Sum(f => f.Figure.Denominator ?? 0m))
            : Figure.OfValue(used.Sum(f => f.Figure.Value ?? 0m));
        var status = used.Any(f => f.Status == ObservationStatus.Provisional) ? ObservationStatus.Provisional : used[0].Status;
        var combined = new SourcedFigure(used[0].AreaCode, figure, status, used.Max(f => f.Confidentiality), used.Max(f => f.Revision),
            string.Join(",", used.Select(f => f.ReturnId)));
        return new CombinedFigure(combined, resolution.NotUsed, conflict);
    }

    internal static SourcedFigure ToSourced(ReportObservation row, IReadOnlyDictionary<string, long> submittedAtMs) =>
        new(row.AreaCode, row.Figure, row.Status, row.Confidentiality, row.Revision, row.ReturnId, row.Trend, row.Note, row.ReturnKey, submittedAtMs.GetValueOrDefault(row.ReturnKey));

    /// <summary>When each of the rows' returns was submitted, by return key: what decides between conflicting returns.</summary>
    internal static async Task<IReadOnlyDictionary<string, long>> SubmittedAtAsync(ReportingDbContext db, IEnumerable<ReportObservation> rows, CancellationToken cancellationToken)
    {
        var keys = rows.Select(r => r.ReturnKey).Distinct(StringComparer.Ordinal).ToList();
        return await db.ReturnVersions.AsNoTracking().Where(v => keys.Contains(v.ReturnKey))
            .ToDictionaryAsync(v => v.ReturnKey, v => v.SubmittedAtMs, StringComparer.Ordinal, cancellationToken);
    }
}
