using Partnership.Domain;

namespace Partnership.Reporting.Delivery;

/// <summary>The arrow a row shows, and whether a partner gave it or the aggregator suggested it.</summary>
public sealed record TrendIndicator(Trend Arrow, bool Suggested, string Basis)
{
    public static readonly TrendIndicator None = new(Trend.None, false, "");
}

/// <summary>
/// Suggests a trend arrow when the submitter gave none. Arrows describe direction, not whether it is
/// good. The latest window is compared with the same window a year earlier (seasonally fair; the
/// previous window when there is none a year earlier), and the arrow moves only when the change is
/// both material and larger than noise, so small bases are damped (6 to 7 is ↔):
/// counts: at least 5% of the earlier figure and at least twice the Poisson noise, 2·√(a+b);
/// rates with denominators: at least 1 percentage point and at least two standard errors of the
/// difference of two proportions; percentages without denominators (surveys): at least 2 points.
/// </summary>
public static class TrendRule
{
    public const decimal MaterialShare = 0.05m;
    public const double NoiseMultiple = 2.0;
    public const decimal MaterialRatePoints = 1m;
    public const decimal MaterialSurveyPoints = 2m;

    public static TrendIndicator Suggest(FigureKind kind, ReportCell latest, ReportCell earlier)
    {
        if (latest.Value is not { } now || earlier.Value is not { } before)
        {
            return TrendIndicator.None;
        }

        var basis = $"suggested: {latest.Window.Label} against {earlier.Window.Label}";
        var moved = kind switch
        {
            FigureKind.Count => Math.Abs(now - before) >= MaterialShare * Math.Abs(before)
                && (double)Math.Abs(now - before) >= NoiseMultiple * Math.Sqrt((double)(Math.Abs(now) + Math.Abs(before))),
            FigureKind.Percent => Math.Abs(now - before) >= MaterialSurveyPoints,
            // A rate per 1,000 moves with its count (populations change slowly): the count's test, on the counts.
            FigureKind.PerPopulation => Math.Abs(now - before) >= MaterialShare * Math.Abs(before)
                && (latest.Numerator is not { } n1 || earlier.Numerator is not { } n0
                    || (double)Math.Abs(n1 - n0) >= NoiseMultiple * Math.Sqrt((double)(Math.Abs(n1) + Math.Abs(n0)))),
            _ => RateMoved(now, before, latest.Denominator, earlier.Denominator),
        };
        var arrow = !moved || now == before ? Trend.Steady : now > before ? Trend.Up : Trend.Down;
        return new TrendIndicator(arrow, true, basis);
    }

    private static bool RateMoved(decimal now, decimal before, decimal? nowBase, decimal? beforeBase)
    {
        if (Math.Abs(now - before) * 100m < MaterialRatePoints)
        {
            return false;
        }

        if (nowBase is not > 0m || beforeBase is not > 0m)
        {
            return true;
        }

        var p1 = (double)now;
        var p0 = (double)before;
        var standardError = Math.Sqrt((p1 * (1 - p1) / (double)nowBase.Value) + (p0 * (1 - p0) / (double)beforeBase.Value));
        return Math.Abs(p1 - p0) >= NoiseMultiple * standardError;
    }
}
