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
}
