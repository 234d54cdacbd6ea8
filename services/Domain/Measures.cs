namespace Partnership.Domain;

/// <summary>How district figures make a county figure (see docs/domain.md).</summary>
public enum AggregationRule
{
    Sum,
    Ratio,
    SnapshotSum,
    CountyOnly,
}

public enum Polarity
{
    HigherIsBetter,
    LowerIsBetter,
    Monitor,
}

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

public enum ObservationStatus
{
    Final,
    Provisional,
    Estimated,
    Revised,
    Unvalidated,
}

public enum Confidentiality
{
    Free,
    Restricted,
    Suppressed,
}

public enum Trend
{
    None,
    Up,
    Down,
    Steady,
}

/// <summary>Which areas a measure's figures are submitted for.</summary>
public enum SubmissionLevel
{
    /// <summary>By district (the county figure is built from them), and optionally for the force area.</summary>
    District,

    /// <summary>
    /// Only for the force area, e.g. by force-wide commissioned providers: no district figures are
    /// expected, so their absence does not make the county figure provisional.
    /// </summary>
    Force,
}

public sealed record MeasureDefinition(
    string Id,
    string Name,
    string Unit,
    Polarity Polarity,
    AggregationRule Rule,
    IReadOnlyList<PeriodKind> Cadences,
    string Service,
    Confidentiality DefaultConfidentiality = Confidentiality.Free,
    SubmissionLevel Level = SubmissionLevel.District,
    DerivedFrom? DerivedFrom = null)
{
    /// <summary>Computed by the aggregator from other measures; partners never submit it.</summary>
    public bool IsDerived => DerivedFrom is not null;

    public FigureKind Kind => Unit switch
    {
        "ratio" => FigureKind.Ratio,
        "percent" => FigureKind.Percent,
        "days" or "weeks" => FigureKind.Quotient,
        _ => FigureKind.Count,
    };

    public bool AllowsCadence(PeriodKind kind) => Cadences.Contains(kind);
}

/// <summary>
/// A rate the aggregator derives as a ratio of sums of two submitted count measures, e.g. repeat
/// missing people over missing people: numerator and denominator are measure ids.
/// </summary>
public sealed record DerivedFrom(string Numerator, string Denominator);

/// <summary>A submitted figure: a value, or a numerator and denominator.</summary>
public readonly record struct Figure(decimal? Value, decimal? Numerator, decimal? Denominator)
{
    public static Figure OfValue(decimal value) => new(value, null, null);

    public static Figure OfFraction(decimal numerator, decimal denominator) => new(null, numerator, denominator);

    public bool IsFraction => Numerator is not null && Denominator is not null;

    /// <summary>The figure as one number; a fraction over zero has none.</summary>
    public decimal? Resolved => IsFraction ? (Denominator == 0 ? null : Numerator / Denominator) : Value;
}

/// <summary>One stored figure: measure x area x period, with its attributes.</summary>
public sealed record Observation(
    string MeasureId,
    string AreaCode,
    Period Period,
    Figure Figure,
    ObservationStatus Status = ObservationStatus.Final,
    Confidentiality Confidentiality = Confidentiality.Free,
    string Note = "",
    Trend Trend = Trend.None);
