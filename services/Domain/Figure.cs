namespace Partnership.Domain;

/// <summary>A submitted figure: a value, or a numerator and denominator.</summary>
public readonly record struct Figure(decimal? Value, decimal? Numerator, decimal? Denominator)
{
    public static Figure OfValue(decimal value) => new(value, null, null);

    public static Figure OfFraction(decimal numerator, decimal denominator) => new(null, numerator, denominator);

    public bool IsFraction => Numerator is not null && Denominator is not null;

    /// <summary>The figure as one number; a fraction over zero has none.</summary>
    public decimal? Resolved => IsFraction ? (Denominator == 0 ? null : Numerator / Denominator) : Value;
}
