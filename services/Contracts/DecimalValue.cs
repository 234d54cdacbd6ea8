namespace Partnership.Contracts.Common.V1;

public partial class DecimalValue
{
    private const decimal NanoFactor = 1_000_000_000m;
    private const int MaxNanos = 999_999_999;

    /// <summary>
    /// Why the value cannot be read, or null when it can. The wire carries any nanos; a value with
    /// nanos past a whole unit, or of the other sign from its units, is no number a partner meant.
    /// </summary>
    public string? Problem =>
        Nanos is > MaxNanos or < -MaxNanos ? $"nanos {Nanos} is outside -{MaxNanos}..{MaxNanos}"
        : (Units > 0 && Nanos < 0) || (Units < 0 && Nanos > 0) ? $"units {Units} and nanos {Nanos} have different signs"
        : null;

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
