using System.Globalization;
using Partnership.Domain;
using Partnership.Reporting.Delivery;

namespace Partnership.Reporting.Plans;

/// <summary>
/// A plan agrees with the measure catalogue (docs/reporting.md, "Plans"): every entry names a measure
/// the catalogue has; a target's window is one the measure is submitted for, or, for a flow, one its
/// submitted windows tile; and a target is in the unit people read for that measure:
/// <list type="bullet">
/// <item>a count: a whole number, not negative;</item>
/// <item>a ratio or a percentage: a percentage from 0 to 100 (74.9 means 74.9%);</item>
/// <item>days or weeks: not negative.</item>
/// </list>
/// A plan that states a target's unit must state that one. A plan that breaks any of these would
/// colour a report against a figure that can never exist, or against the wrong scale, so the aggregator
/// refuses to start with it.
/// </summary>
public static class PlanCatalogueCheck
{
    public static IReadOnlyList<string> Problems(DeliveryPlan plan, MeasureCatalogue catalogue)
    {
        var problems = new List<string>();
        foreach (var (theme, objective, entry) in plan.Rows())
        {
            var where = $"theme '{theme.Id}' / objective '{objective.Id}' / measure '{entry.Measure}'";
            if (!catalogue.TryGet(entry.Measure, out var measure))
            {
                problems.Add($"{where}: the catalogue has no measure '{entry.Measure}'");
                continue;
            }

            if (entry.Target is { } target)
            {
                problems.AddRange(TargetProblems(measure, target).Select(problem => $"{where}: {problem}"));
            }
        }

        return problems;
    }

    /// <summary>The unit a target for this measure is written in.</summary>
    public static string TargetUnit(MeasureDefinition measure) => measure.Kind switch
    {
        FigureKind.Count => "count",
        FigureKind.Ratio or FigureKind.Percent => "percent",
        FigureKind.PerPopulation => "per 1,000 population",
        _ => measure.Unit,
    };

    private static IEnumerable<string> TargetProblems(MeasureDefinition measure, PlanTarget target)
    {
        if (target.EffectiveThreshold < 0)
        {
            yield return $"the target's threshold {Number(target.EffectiveThreshold)} is negative";
        }

        if (WindowProblem(measure, target.WindowMonths) is { } window)
        {
            yield return window;
        }

        var unit = TargetUnit(measure);
        if (target.Unit is { } stated && !string.Equals(stated, unit, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"the target is in {stated}, but {measure.Id} is a {measure.Unit}, whose targets are in {unit}";
        }

        if (target.Value < 0)
        {
            yield return $"the target {Number(target.Value)} is negative";
        }
        else if (unit == "count" && target.Value != decimal.Truncate(target.Value))
        {
            yield return $"the target {Number(target.Value)} is not a whole number, but {measure.Id} is a count (is it a percentage?)";
        }
        else if (unit == "percent" && target.Value > 100)
        {
            yield return $"the target {Number(target.Value)} is above 100, but {measure.Id} is a {measure.Unit} and its target a percentage (74.9 means 74.9%)";
        }
    }

    private static string? WindowProblem(MeasureDefinition measure, int? months)
    {
        if (months is not { } length)
        {
            return null;
        }

        if (length <= 0)
        {
            return $"the target's window of {length} months is empty";
        }

        var submitted = measure.Cadences.Where(c => c != PeriodKind.Snapshot).ToList();
        if (submitted.Count == 0)
        {
            return $"the target is for windows of {length} months, but {measure.Id} is counted on a date, not over a window";
        }

        if (submitted.Any(c => Takes(c, length)))
        {
            return null;
        }

        // A flow's longer window is added up from shorter ones that tile it (WindowResolver).
        if (WindowResolver.CanTile(measure) && submitted.Any(c => FixedLength(c) is { } tile && length % tile == 0))
        {
            return null;
        }

        var taken = string.Join(" or ", submitted.Select(Describe));
        return WindowResolver.CanTile(measure)
            ? $"the target is for windows of {length} months, which the windows {measure.Id} is submitted for ({taken}) cannot tile"
            : $"the target is for windows of {length} months, but {measure.Id} is submitted only for {taken} and cannot be built from shorter windows";
    }

    private static bool Takes(PeriodKind kind, int months) => kind switch
    {
        // April to any month of the year.
        PeriodKind.YearToDate => months <= 12,
        PeriodKind.OtherRange => true,
        _ => FixedLength(kind) == months,
    };

    private static int? FixedLength(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => 1,
        PeriodKind.Quarter => 3,
        PeriodKind.HalfYear => 6,
        PeriodKind.FinancialYear or PeriodKind.Rolling12Months => 12,
        _ => null,
    };

    private static string Describe(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => "a month",
        PeriodKind.Quarter => "a financial quarter (3 months)",
        PeriodKind.HalfYear => "a half year (6 months)",
        PeriodKind.FinancialYear => "a financial year (12 months)",
        PeriodKind.Rolling12Months => "rolling 12 months",
        PeriodKind.YearToDate => "a financial year to date",
        _ => "any range of months",
    };

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
