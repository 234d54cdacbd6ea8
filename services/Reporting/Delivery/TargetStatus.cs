using Partnership.Domain;
using Partnership.Reporting.Plans;

namespace Partnership.Reporting.Delivery;

public enum Rag
{
    Green,
    Amber,
    Red,
}

/// <summary>Status against target, with the figures it was judged on (in the target's unit).</summary>
public sealed record TargetStatus(Rag Status, decimal Value, decimal Target, decimal Threshold, Polarity Polarity)
{
    /// <summary>
    /// docs/domain.md: Green when at or better than the target (polarity-aware), Amber when worse by no more
    /// than the threshold (5% of the target unless the plan says otherwise), Red when worse by more.
    /// The comparison is exact: a figure on the boundary is Amber, one a fraction beyond it Red.
    /// </summary>
    public static TargetStatus? Evaluate(decimal value, PlanTarget target, Polarity polarity)
    {
        var worseBy = polarity switch
        {
            Polarity.HigherIsBetter => target.Value - value,
            Polarity.LowerIsBetter => value - target.Value,
            _ => (decimal?)null,
        };
        if (worseBy is not { } gap)
        {
            return null;
        }

        var allowance = Math.Abs(target.Value) * target.EffectiveThreshold;
        var status = gap <= 0m ? Rag.Green : gap <= allowance ? Rag.Amber : Rag.Red;
        return new TargetStatus(status, value, target.Value, target.EffectiveThreshold, polarity);
    }

    /// <summary>A figure in the unit a target is written in: rates as percentages, counts and percentages as they are.</summary>
    public static decimal InTargetUnit(FigureKind kind, decimal value) => kind == FigureKind.Ratio ? value * 100m : value;
}
