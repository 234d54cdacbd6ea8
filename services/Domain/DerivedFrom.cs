namespace Partnership.Domain;

/// <summary>
/// A rate the aggregator derives from submitted count measures, never submitted itself. Either a
/// ratio of sums of two measures (repeat missing people over missing people: numerator and
/// denominator are measure ids), or a count per so many residents (<paramref name="PerPopulation"/>,
/// e.g. 1000: crimes per 1,000 population), whose denominator is the area's mid-year population
/// estimate for the window's year (<see cref="PopulationEstimates.YearOf"/>).
/// </summary>
public sealed record DerivedFrom(string Numerator, string? Denominator = null, int? PerPopulation = null)
{
    public bool IsPerPopulation => PerPopulation is not null;

    /// <summary>The submitted measures the rate is computed from: one for a rate per population.</summary>
    public IReadOnlyList<string> Components => Denominator is null ? [Numerator] : [Numerator, Denominator];
}
