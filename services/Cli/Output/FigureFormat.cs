using Partnership.Domain;

namespace Partnership.Cli.Output;

/// <summary>
/// How the CLI writes figures: through <see cref="FigureDisplay"/>, the formatter the aggregator's
/// reports use too, so a county figure reads the same in a terminal, a spreadsheet and the dashboard.
/// </summary>
public static class FigureFormat
{
    public const string NotAvailable = "n/a";

    /// <summary>A figure hidden by disclosure control in a public report.</summary>
    public const string Suppressed = "*";

    /// <summary>For people: counts whole with thousands separators, rates and percentages to 1 dp, days and weeks to 1 dp with their unit.</summary>
    public static string Display(decimal? value, string unit) => value is { } v ? FigureDisplay.Value(unit, v) : NotAvailable;

    /// <summary>For machines: every digit the wire carried, no separators, no trailing zeros.</summary>
    public static string Full(decimal? value) => FigureDisplay.Full(value);

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
