namespace Partnership.Domain;

/// <summary>What shape a figure takes: a whole count, a numerator over a denominator, or a percentage.</summary>
public enum FigureKind
{
    Count,
    Ratio,
    Percent,

    /// <summary>
    /// A total over a count whose numerator may exceed its denominator: an average (total days over
    /// completed cases) or a duration (outstanding cases over disposals per week). Travels as the two
    /// parts so a county figure is the weighted one, never the mean of averages.
    /// </summary>
    Quotient,

    /// <summary>
    /// A count per 1,000 population, derived by the aggregator (never submitted): its parts are the
    /// count and the mid-year population estimate. A change in it is in the rate's own unit plus a
    /// percentage change, like a count's, never in percentage points: it is not a share of anything.
    /// </summary>
    PerPopulation,
}
