using Partnership.Reporting.Plans;

namespace Partnership.Reporting.Rollups;

/// <summary>
/// Puts a rollup's measures in the order the force's plan lists them (theme, objective, measure), as
/// the Delivery Quarterly Report does, then those the plan does not list, by id.
/// </summary>
public static class RollupPlanOrder
{
    public static CountyRollup Apply(CountyRollup rollup, DeliveryPlans plans)
    {
        if (!plans.TryGet(rollup.ForceArea.Code, out var plan))
        {
            return rollup;
        }

        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, _, measure) in plan.Rows())
        {
            position.TryAdd(measure.Measure, position.Count);
        }

        return rollup with
        {
            Measures = [.. rollup.Measures
                .OrderBy(m => position.GetValueOrDefault(m.Measure.Id, int.MaxValue))
                .ThenBy(m => m.Measure.Id, StringComparer.Ordinal)],
        };
    }
}
