using System.Globalization;
using Partnership.Domain;
using Partnership.Submissions;
using Partnership.Submissions.Storage;
using Partnership.Submissions.Validation;

namespace Partnership.Safeguarding.Rules;

/// <summary>
/// A force-wide count of unique people (a county-only count) is at least the largest district's:
/// everyone counted in one district is counted once in the force area. District returns and the force
/// return are separate submissions, so the force figure is checked against the district figures this
/// service has stored for the same window (the latest revision of each).
/// </summary>
public sealed class ForceFigureAtLeastLargestDistrictRule(SafeguardingDbContext db, MeasureCatalogue catalogue, Geography geography) : IReturnRule
{
    public void Check(ReturnSubmission submission, ViolationCollector violations)
    {
        if (!geography.TryGet(submission.AreaCode, out var area) || area.Type != AreaType.Force)
        {
            return;
        }

        var uniquePeople = submission.Observations
            .Select((observation, index) => (Observation: observation, Index: index, Period: observation.Period ?? submission.Period))
            .Where(o => o.Observation.Figure.Value is not null
                && catalogue.TryGet(o.Observation.MeasureId, out var measure)
                && measure.Rule == AggregationRule.CountyOnly
                && measure.Kind == FigureKind.Count)
            .ToList();
        if (uniquePeople.Count == 0)
        {
            return;
        }

        var districts = geography.DistrictsOf(area.Code, submission.Period.End);
        var stored = db.LatestFigures(
            submission.Service,
            [.. districts.Select(d => d.Code)],
            [.. uniquePeople.Select(o => o.Period.Key).Distinct()],
            [.. uniquePeople.Select(o => o.Observation.MeasureId).Distinct()]);

        foreach (var (observation, index, period) in uniquePeople)
        {
            var largest = stored
                .Where(f => f.MeasureId == observation.MeasureId && f.PeriodKey == period.Key && f.Figure.Value is not null)
                .MaxBy(f => f.Figure.Value);
            if (largest is not null && observation.Figure.Value < largest.Figure.Value)
            {
                var name = districts.First(d => d.Code == largest.AreaCode).Name;
                violations.AddForObservation(index, observation, "value",
                    $"the force-wide figure {Format(observation.Figure.Value!.Value)} is less than {name}'s {Format(largest.Figure.Value!.Value)} (revision {largest.Revision}) for {period.Label}; "
                    + "unique people in the force area are at least as many as in any one district");
            }
        }
    }

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
