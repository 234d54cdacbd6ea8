using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Reporting.ReadModel;

namespace Partnership.Reporting.Rollups;

/// <summary>Reads one window's figures for a force and its districts from the read model and rolls them up.</summary>
public sealed class CountyRollupQuery(ReportingDbContext db, MeasureCatalogue catalogue, Geography geography)
{
    public async Task<CountyRollup> GetAsync(string forceCode, Period period, CancellationToken cancellationToken)
    {
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

            var figures = group.Select(ToSourced).ToList();
            var county = figures.Where(f => f.AreaCode == forceCode).MaxBy(f => f.Revision);
            var districtFigures = figures.Where(f => f.AreaCode != forceCode).ToList();
            measures.Add(CountyRollupCalculator.Calculate(measure, districts, districtFigures, county));
        }

        return new CountyRollup(force, period, measures);
    }

    private static SourcedFigure ToSourced(ReportObservation row) =>
        new(row.AreaCode, row.Figure, row.Status, row.Confidentiality, row.Revision, row.ReturnId, row.Trend, row.Note);
}
