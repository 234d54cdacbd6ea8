namespace Partnership.Contracts.Common.V1;

public partial class DecimalValue
{
    private const decimal NanoFactor = 1_000_000_000m;

    public static DecimalValue FromDecimal(decimal value)
    {
        // Nine decimal places is the wire's precision; ratios computed by the aggregator carry more.
        var rounded = Math.Round(value, 9, MidpointRounding.AwayFromZero);
        var units = decimal.Truncate(rounded);
        return new DecimalValue
        {
            Units = (long)units,
            Nanos = (int)((rounded - units) * NanoFactor),
        };
    }

    public decimal ToDecimal() => Units + (Nanos / NanoFactor);

    public static implicit operator decimal(DecimalValue value) => value.ToDecimal();

    public static implicit operator DecimalValue(decimal value) => FromDecimal(value);
}
