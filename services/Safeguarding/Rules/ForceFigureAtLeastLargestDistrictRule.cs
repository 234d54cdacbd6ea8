using System.Globalization;
using Partnership.Domain;
using Partnership.Submissions;
using Partnership.Submissions.Storage;
using Partnership.Submissions.Validation;

namespace Partnership.Safeguarding.Rules;

/// <summary>
/// A force-wide count of unique people (a county-only count) is at least the largest district's:
/// everyone counted in one district is counted once in the force area. District returns and the force
/// return are separate submissions arriving in either order, so each is checked against what this
/// service already holds for the same window (the latest revision of each return): a force figure
/// against the largest stored district figure, a district figure against the stored force figure.
/// Either way the return that would break the rule is rejected, naming its field, and the figures
/// already accepted stand: the system never guesses which of two partners is wrong (docs/domain.md), and
/// a force whose own figure was too low corrects it by resubmitting, which this rule lets through.
/// </summary>
public sealed class ForceFigureAtLeastLargestDistrictRule(SafeguardingDbContext db, MeasureCatalogue catalogue, Geography geography) : IReturnRule
{
    private const string Why = "unique people in the force area are at least as many as in any one district";

    public void Check(ReturnSubmission submission, ViolationCollector violations)
    {
        if (!geography.TryGet(submission.AreaCode, out var area))
        {
            return;
        }

        var uniquePeople = submission.Observations
            .Select((observation, index) => new UniquePeopleFigure(observation, index, observation.Period ?? submission.Period))
            .Where(o => o.Observation.Figure.Value is not null
                && catalogue.TryGet(o.Observation.MeasureId, out var measure)
                && measure.Rule == AggregationRule.CountyOnly
                && measure.Kind == FigureKind.Count)
            .ToList();
        if (uniquePeople.Count == 0)
        {
            return;
        }

        if (area.Type == AreaType.Force)
        {
            CheckForceFigures(submission, area, uniquePeople, violations);
        }
        else if (geography.ForceOf(area.Code, submission.Period.End) is { } force)
        {
            CheckDistrictFigures(submission, area, force, uniquePeople, violations);
        }
    }

    private void CheckForceFigures(ReturnSubmission submission, AreaDefinition force, List<UniquePeopleFigure> uniquePeople, ViolationCollector violations)
    {
        var districts = geography.DistrictsOf(force.Code, submission.Period.End);
        var stored = Stored(submission, [.. districts.Select(d => d.Code)], uniquePeople);
        foreach (var (observation, index, period) in uniquePeople)
        {
            var largest = stored
                .Where(f => f.MeasureId == observation.MeasureId && f.PeriodKey == period.Key && f.Figure.Value is not null)
                .MaxBy(f => f.Figure.Value);
            if (largest is not null && observation.Figure.Value < largest.Figure.Value)
            {
                var name = districts.First(d => d.Code == largest.AreaCode).Name;
                violations.AddForObservation(index, observation, "value",
                    $"the force-wide figure {Format(observation.Figure.Value!.Value)} is less than {name}'s {Format(largest.Figure.Value!.Value)} (revision {largest.Revision}) for {period.Label}; {Why}");
            }
        }
    }

    private void CheckDistrictFigures(ReturnSubmission submission, AreaDefinition district, string forceCode, List<UniquePeopleFigure> uniquePeople, ViolationCollector violations)
    {
        var stored = Stored(submission, [forceCode], uniquePeople);
        foreach (var (observation, index, period) in uniquePeople)
        {
            var force = stored.FirstOrDefault(f => f.MeasureId == observation.MeasureId && f.PeriodKey == period.Key && f.Figure.Value is not null);
            if (force is not null && observation.Figure.Value > force.Figure.Value)
            {
                violations.AddForObservation(index, observation, "value",
                    $"{district.Name}'s figure {Format(observation.Figure.Value!.Value)} is more than the force-wide figure {Format(force.Figure.Value!.Value)} already accepted for {period.Label} (revision {force.Revision}); {Why}. "
                    + "If the force-wide figure is the wrong one, the force resubmits it first");
            }
        }
    }

    private IReadOnlyList<StoredFigure> Stored(ReturnSubmission submission, IReadOnlyCollection<string> areaCodes, List<UniquePeopleFigure> uniquePeople) =>
        db.LatestFigures(
            submission.Service,
            areaCodes,
            [.. uniquePeople.Select(o => o.Period.Key).Distinct()],
            [.. uniquePeople.Select(o => o.Observation.MeasureId).Distinct()]);

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record UniquePeopleFigure(ObservationInput Observation, int Index, Period Period);
}
