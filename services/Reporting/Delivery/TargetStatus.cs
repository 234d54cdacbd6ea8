using System.Globalization;
using Partnership.Domain;
using Partnership.Reporting.Plans;

namespace Partnership.Reporting.Delivery;

public enum Rag
{
    Green,
    Amber,
    Red,
}

/// <summary>
/// Status against target, with the figures it was judged on (in the target's unit). For a milestone or a
/// status set by hand there is no figure: <see cref="Value"/> and <see cref="Target"/> are 0 and
/// <see cref="Reason"/> says what the status rests on.
/// </summary>
/// <param name="Target">The figure the value was held to: for a year-to-date target the year-to-date target, for a reduction the baseline less the reduction.</param>
/// <param name="Threshold">The amber band as a share of the target (0.05 = 5%); 0 when the band is in points.</param>
public sealed record TargetStatus(Rag Status, decimal Value, decimal Target, decimal Threshold, Polarity Polarity)
{
    public TargetKind Kind { get; init; } = TargetKind.Absolute;

    /// <summary>A rate's amber band in percentage points.</summary>
    public decimal? AmberPoints { get; init; }

    /// <summary>The year's target a year-to-date target is phased from.</summary>
    public decimal? AnnualTarget { get; init; }

    /// <summary>The year-to-date target at the judged window's end (equal to <see cref="Target"/> for that kind).</summary>
    public decimal? YearToDateTarget { get; init; }

    /// <summary>A reduction's baseline, and whether the plan stated it or it was added up from the figures held.</summary>
    public decimal? Baseline { get; init; }

    public bool BaselineStated { get; init; }

    /// <summary>The window of the figure judged: the report's own, or an earlier one when that is the latest held.</summary>
    public Period? Judged { get; init; }

    /// <summary>True when the figure behind the status is older than the report's window; <see cref="Footnote"/> says how old.</summary>
    public bool Stale { get; init; }

    /// <summary>The footnote a stale status carries, as published reports word it: "Latest data to September 2020".</summary>
    public string Footnote { get; init; } = "";

    public string Reason { get; init; } = "";

    public bool HasFigure => Kind is not (TargetKind.Milestone or TargetKind.Stated);

    /// <summary>
    /// docs/domain.md: Green when at or better than the target (polarity-aware), Amber when worse by no more
    /// than the threshold (5% of the target unless the plan says otherwise), Red when worse by more.
    /// The comparison is exact: a figure on the boundary is Amber, one a fraction beyond it Red.
    /// </summary>
    public static TargetStatus? Evaluate(decimal value, PlanTarget target, Polarity polarity) =>
        Evaluate(value, target.Value, target, polarity);

    /// <summary>
    /// A figure held to <paramref name="targetValue"/> (the target itself, a year-to-date target or a
    /// baseline less its reduction) with the target's amber band: a share of the target, or for a rate
    /// a number of percentage points. Null for a measure to monitor.
    /// </summary>
    public static TargetStatus? Evaluate(decimal value, decimal targetValue, PlanTarget target, Polarity polarity)
    {
        var worseBy = polarity switch
        {
            Polarity.HigherIsBetter => targetValue - value,
            Polarity.LowerIsBetter => value - targetValue,
            _ => (decimal?)null,
        };
        if (worseBy is not { } gap)
        {
            return null;
        }

        var inPoints = target.Kind == TargetKind.Rate;
        var allowance = inPoints ? target.AmberPoints ?? 0m : Math.Abs(targetValue) * target.EffectiveThreshold;
        var status = gap <= 0m ? Rag.Green : gap <= allowance ? Rag.Amber : Rag.Red;
        return new TargetStatus(status, value, targetValue, inPoints ? 0m : target.EffectiveThreshold, polarity)
        {
            Kind = target.Kind,
            AmberPoints = inPoints ? target.AmberPoints : null,
        };
    }

    /// <summary>
    /// A milestone or a status set by hand, as the plan states it on <paramref name="asAt"/> (the report's
    /// window end): a milestone complete is Green; one not complete is Amber until its due date and Red
    /// after it; without a due date, in progress is Amber and not started Red.
    /// </summary>
    public static TargetStatus? Stated(PlanTarget target, DateOnly asAt, Polarity polarity)
    {
        if (target.Kind == TargetKind.Stated)
        {
            return target.Status is { } set ? Without(set, target, polarity, target.Reason) : null;
        }

        if (target.Kind != TargetKind.Milestone || target.Milestone is not { } state)
        {
            return null;
        }

        var rag = state switch
        {
            MilestoneState.Complete => Rag.Green,
            _ when target.Due is { } due => asAt <= due ? Rag.Amber : Rag.Red,
            MilestoneState.InProgress => Rag.Amber,
            _ => Rag.Red,
        };
        var progress = state switch
        {
            MilestoneState.Complete => "Complete",
            MilestoneState.InProgress => "In progress",
            _ => "Not started",
        };
        if (target.Due is { } by && state != MilestoneState.Complete)
        {
            progress += $", due {by.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";
        }

        return Without(rag, target, polarity, target.Reason.Length > 0 ? $"{progress}: {target.Reason}" : progress);
    }

    /// <summary>The footnote for a status judged on a figure ending <paramref name="dataEnd"/>: "Latest data to September 2020".</summary>
    public static string LatestDataTo(DateOnly dataEnd) => $"Latest data to {dataEnd.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>A figure in the unit a target is written in: rates as percentages, counts and percentages as they are.</summary>
    public static decimal InTargetUnit(FigureKind kind, decimal value) => kind == FigureKind.Ratio ? value * 100m : value;

    private static TargetStatus Without(Rag rag, PlanTarget target, Polarity polarity, string reason) =>
        new(rag, 0m, 0m, 0m, polarity) { Kind = target.Kind, Reason = reason };
}
