namespace Partnership.Domain;

/// <summary>
/// A rate the aggregator derives as a ratio of sums of two submitted count measures, e.g. repeat
/// missing people over missing people: numerator and denominator are measure ids.
/// </summary>
public sealed record DerivedFrom(string Numerator, string Denominator);
