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

        foreach (var problem in KindProblems(measure, target))
        {
            yield return problem;
        }

        if (target.Kind is TargetKind.Absolute or TargetKind.Rate or TargetKind.YearToDate && ValueProblem(measure, unit, "target", target.Value) is { } value)
        {
            yield return value;
        }

        if (target.BaselineValue is { } baseline && ValueProblem(measure, unit, "baseline", baseline) is { } baselineProblem)
        {
            yield return baselineProblem;
        }
    }

    /// <summary>Each kind of target states what it is judged on and its amber band (docs/plans.md).</summary>
    private static IEnumerable<string> KindProblems(MeasureDefinition measure, PlanTarget target)
    {
        var kind = target.Kind;
        if (target.AmberPoints is not null && kind != TargetKind.Rate)
        {
            yield return "amberPoints is a rate's amber band; this target is not a rate";
        }

        if ((target.ReductionPercent ?? target.BaselineValue) is not null || target.BaselineYear is not null)
        {
            if (kind != TargetKind.Reduction)
            {
                yield return "a baseline and reduction belong to a reduction target";
            }
        }

        if (target.Phasing is not null && kind != TargetKind.YearToDate)
        {
            yield return "phasing belongs to a year-to-date target";
        }

        if ((target.Milestone is not null || target.Due is not null) && kind != TargetKind.Milestone)
        {
            yield return "a milestone's progress belongs to a milestone target";
        }

        if (target.Status is not null && kind != TargetKind.Stated)
        {
            yield return "a status set by hand belongs to a stated target";
        }

        switch (kind)
        {
            case TargetKind.Rate:
                if (measure.Kind == FigureKind.Count)
                {
                    yield return $"a rate target needs a rate, but {measure.Id} is a count";
                }

                if (target.AmberPoints is not { } points || points < 0)
                {
                    yield return "a rate target states its amber band in percentage points (amberPoints, not negative)";
                }

                break;
            case TargetKind.Reduction:
                if (target.ReductionPercent is not { } percent || percent < 0 || percent >= 100)
                {
                    yield return "a reduction target states its reduction (reductionPercent, from 0 to under 100)";
                }

                if ((target.Polarity ?? measure.Polarity) != Polarity.LowerIsBetter)
                {
                    yield return $"a reduction target needs a measure where lower is better, but {measure.Id} is not";
                }

                if (target.BaselineYear is { } year && target.BaselineYearStart is null)
                {
                    yield return $"the baseline year '{year}' is not a financial year such as 2012/13";
                }

                if (target.BaselineYear is null && target.BaselineValue is null)
                {
                    yield return "a reduction target names its baseline year (baselineYear), states its baseline (baselineValue), or both";
                }

                break;
            case TargetKind.YearToDate:
                if (measure.Cadences.All(c => c == PeriodKind.Snapshot))
                {
                    yield return $"a year-to-date target needs a flow, but {measure.Id} is counted on a date";
                }

                if (target.Phasing is { } phasing)
                {
                    if (phasing.Count is not (4 or 12))
                    {
                        yield return $"the phasing has {phasing.Count} figures; it gives one per quarter (4) or per month (12)";
                    }
                    else if (phasing[^1] != target.Value)
                    {
                        yield return $"the phasing ends at {Number(phasing[^1])}, not at the year's target {Number(target.Value)}";
                    }

                    if (phasing.Zip(phasing.Skip(1)).Any(p => p.Second < p.First))
                    {
                        yield return "the phasing is cumulative, so it never goes down";
                    }
                }

                break;
            case TargetKind.Milestone:
                if (target.Milestone is null)
                {
                    yield return "a milestone target states its progress (milestone: not_started, in_progress or complete)";
                }

                break;
            case TargetKind.Stated:
                if (target.Status is null || string.IsNullOrWhiteSpace(target.Reason))
                {
                    yield return "a stated target gives its status (green, amber or red) and the reason for it";
                }

                break;
        }
    }

    private static string? ValueProblem(MeasureDefinition measure, string unit, string what, decimal value)
    {
        if (value < 0)
        {
            return $"the {what} {Number(value)} is negative";
        }

        if (unit == "count" && value != decimal.Truncate(value))
        {
            return $"the {what} {Number(value)} is not a whole number, but {measure.Id} is a count (is it a percentage?)";
        }

        return unit == "percent" && value > 100
            ? $"the {what} {Number(value)} is above 100, but {measure.Id} is a {measure.Unit} and its target a percentage (74.9 means 74.9%)"
            : null;
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
