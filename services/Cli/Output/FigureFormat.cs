using System.Globalization;

namespace Partnership.Cli.Output;

/// <summary>
/// How figures are written, always in the invariant culture: a county report must read the same on
/// every partner's machine, and "1.234" must never mean one thousand.
/// </summary>
public static class FigureFormat
{
    public const string NotAvailable = "n/a";

    /// <summary>A figure hidden by disclosure control in a public report.</summary>
    public const string Suppressed = "*";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>For people: counts with thousands separators, ratios as a percentage to 1 dp, percentages to 1 dp.</summary>
    public static string Display(decimal? value, string unit) => value switch
    {
        null => NotAvailable,
        { } v when unit == "ratio" => Percentage(v * 100),
        { } v when unit == "percent" => Percentage(v),
        { } v => Count(v),
    };

    /// <summary>A count with thousands separators; whole counts show no decimals, others keep theirs.</summary>
    public static string Count(decimal value) => value.ToString("#,##0.#########", Invariant);

    /// <summary>Rounded half away from zero to 1 dp, as the published reports round.</summary>
    public static string Percentage(decimal percent) =>
        Math.Round(percent, 1, MidpointRounding.AwayFromZero).ToString("#,##0.0", Invariant) + "%";

    /// <summary>For machines: every digit the wire carried, no separators, no trailing zeros.</summary>
    public static string Full(decimal? value) =>
        value?.ToString("0.############################", Invariant) ?? "";

    /// <summary>A stored figure as submitted: a value, or numerator/denominator, in full.</summary>
    public static string Of(Contracts.Common.V1.Observation? observation) => observation?.FigureCase switch
    {
        null => "not in this revision",
        Contracts.Common.V1.Observation.FigureOneofCase.Value => Full(observation.Value.ToDecimal()),
        Contracts.Common.V1.Observation.FigureOneofCase.Fraction =>
            $"{Full(observation.Fraction.Numerator?.ToDecimal())}/{Full(observation.Fraction.Denominator?.ToDecimal())}",
        _ => "",
    };
}
