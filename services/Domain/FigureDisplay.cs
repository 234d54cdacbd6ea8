using System.Globalization;

namespace Partnership.Domain;

/// <summary>
/// How every output writes a figure of each unit, always from the unrounded value and in the invariant
/// culture, rounding half away from zero as the published reports do (banker's rounding would turn
/// 2.25 into 2.2): counts as whole numbers, rates and percentages to 1 dp with "%", days and weeks to
/// 1 dp with their unit, rates per 1,000 to 1 dp ("12.3 per 1,000"). Text for people has thousands separators; text for machines
/// (<see cref="Full"/>, <see cref="Scaled"/>) keeps every digit.
/// </summary>
public static class FigureDisplay
{
    public const string Count = "count";
    public const string Ratio = "ratio";
    public const string Percent = "percent";
    public const string Days = "days";
    public const string Weeks = "weeks";
    public const string PerThousand = "per_1000";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A figure for people: "12,345", "84.1%" (a ratio of 0.841 too), "57.6 weeks".</summary>
    public static string Value(string unit, decimal value) => unit switch
    {
        Ratio => OneDecimal(value * 100m) + "%",
        Percent => OneDecimal(value) + "%",
        Days or Weeks => $"{OneDecimal(value)} {unit}",
        PerThousand => $"{OneDecimal(value)} per 1,000",
        _ => Whole(value),
    };

    /// <summary>
    /// A difference for people: counts in whole numbers, days and weeks with their unit, and rates and
    /// percentages in percentage points ("1.3pp"), since a change of a rate is not a rate; a rate per
    /// 1,000 in its own unit ("0.4 per 1,000"), since it is no percentage and has no points.
    /// </summary>
    public static string Difference(string unit, decimal difference) => unit switch
    {
        Ratio => OneDecimal(difference * 100m) + "pp",
        Percent => OneDecimal(difference) + "pp",
        Days or Weeks => $"{OneDecimal(difference)} {unit}",
        PerThousand => $"{OneDecimal(difference)} per 1,000",
        _ => Whole(difference),
    };

    /// <summary>A percentage (a percentage change, or a figure already in percent) to 1 dp: "-5.6%".</summary>
    public static string PercentText(decimal percent) => OneDecimal(percent) + "%";

    /// <summary>Rounded half away from zero to whole units, with thousands separators; "-0" is written "0".</summary>
    public static string Whole(decimal value) => Tidy(Math.Round(value, 0, MidpointRounding.AwayFromZero)).ToString("#,##0", Invariant);

    /// <summary>Rounded half away from zero to 1 dp, with thousands separators; "-0.0" is written "0.0".</summary>
    public static string OneDecimal(decimal value) => Tidy(Math.Round(value, 1, MidpointRounding.AwayFromZero)).ToString("#,##0.0", Invariant);

    /// <summary>
    /// The unit a figure is written in for machines: one scale per unit, so that in a CSV column a
    /// ratio (held as a fraction) and a percentage never sit side by side as 0.0996 and 84.1.
    /// Ratios are written as percentages.
    /// </summary>
    public static string ScaleOf(string unit) => unit == Ratio ? Percent : unit;

    /// <summary>A figure in the scale of <see cref="ScaleOf"/>, every digit kept.</summary>
    public static string Scaled(string unit, decimal? value) => Full(unit == Ratio ? value * 100m : value);

    /// <summary>Every digit, no separators, no trailing zeros: for CSV and data attributes.</summary>
    public static string Full(decimal? value) => value?.ToString("0.############################", Invariant) ?? "";

    // decimal keeps the sign of a rounded -0.04; a published report never prints "-0.0".
    private static decimal Tidy(decimal rounded) => rounded == 0m ? 0m : rounded;
}
