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
            var figures = group.GroupBy(r => r.AreaCode).Select(area => Combine(measure, [.. area.Select(ToSourced)])).ToList();
            var county = figures.SingleOrDefault(f => f.AreaCode == forceCode);
            var districtFigures = figures.Where(f => f.AreaCode != forceCode).ToList();
            // A force-level measure expects no districts, so none is missing.
            IReadOnlyList<AreaDefinition> expected = measure.Level == SubmissionLevel.Force ? [] : districts;
            measures.Add(CountyRollupCalculator.Calculate(measure, expected, districtFigures, county));
        }

        measures.AddRange(await LatestForceFigures.CarryForwardAsync(db, catalogue, force.Code, period, measures.Select(m => m.Measure.Id).ToHashSet(StringComparer.Ordinal), cancellationToken));
        measures = [.. measures.Concat(DerivedMeasureCalculator.Calculate(catalogue, districts, measures)).OrderBy(m => m.Measure.Id, StringComparer.Ordinal)];

        return new CountyRollup(force, period, measures);
    }

    /// <summary>
    /// Combines one area's figures from several returns: additive figures add (numerators and
    /// denominators separately for ratios); a county-only figure cannot be added, so the latest stands.
    /// </summary>
    public static SourcedFigure Combine(MeasureDefinition measure, IReadOnlyList<SourcedFigure> figures)
    {
        if (figures.Count == 1 || measure.Rule == AggregationRule.CountyOnly || measure.Kind == FigureKind.Percent)
        {
            return figures.MaxBy(f => f.Revision)!;
        }

        var figure = measure.Kind is FigureKind.Ratio or FigureKind.Quotient
            ? Figure.OfFraction(figures.Sum(f => f.Figure.Numerator ?? 0m), figures.Sum(f => f.Figure.Denominator ?? 0m))
            : Figure.OfValue(figures.Sum(f => f.Figure.Value ?? 0m));
        var status = figures.Any(f => f.Status == ObservationStatus.Provisional) ? ObservationStatus.Provisional : figures[0].Status;
        return new SourcedFigure(figures[0].AreaCode, figure, status, figures.Max(f => f.Confidentiality), figures.Max(f => f.Revision),
            string.Join(",", figures.Select(f => f.ReturnId)));
    }

    internal static SourcedFigure ToSourced(ReportObservation row) =>
        new(row.AreaCode, row.Figure, row.Status, row.Confidentiality, row.Revision, row.ReturnId, row.Trend, row.Note);
}
