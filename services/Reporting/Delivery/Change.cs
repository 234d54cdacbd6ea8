using Partnership.Domain;

namespace Partnership.Reporting.Delivery;

/// <summary>
/// The difference between a current and a comparison figure, as docs/domain.md defines it and always from
/// unrounded values: counts get the absolute and the percentage change, rates and percentages the
/// change in percentage points. Rounding is for display only (<see cref="RoundedPercent"/>).
/// </summary>
public sealed record Change(decimal? Absolute, decimal? Percent, decimal? PercentagePoints, string Explanation)
{
    public decimal? RoundedPercent => Percent is { } percent ? RoundHalfAwayFromZero(percent) : null;

    public decimal? RoundedPercentagePoints => PercentagePoints is { } points ? RoundHalfAwayFromZero(points) : null;

    /// <summary>Published reports round half away from zero to 1 dp (banker's rounding would turn 2.25 into 2.2).</summary>
    public static decimal RoundHalfAwayFromZero(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    public static Change? Between(FigureKind kind, ReportCell current, ReportCell previous)
    {
        if (current.Value is not { } now || previous.Value is not { } before)
        {
            return null;
        }

        return kind switch
        {
            // A rate held as a fraction: 0.253 - 0.248 is 0.5 percentage points.
            FigureKind.Ratio => new Change(null, null, (now - before) * 100m, ""),
            FigureKind.Percent => new Change(null, null, now - before, ""),
            _ when before == 0m => new Change(now - before, null, null, "no percentage change from zero"),
            _ => new Change(now - before, (now - before) / before * 100m, null, ""),
        };
    }
}
