namespace Partnership.Domain;

/// <param name="CombinesReturns">
/// Several partners legitimately report parts of one figure, each in a return of its own (each
/// commissioned provider its referrals, each court its backlog), and the figure is their combination.
/// Without it an area, measure and window has one figure from one return: two returns claiming it are
/// a conflict, shown to both submitters, never a sum.
/// </param>
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
    DerivedFrom? DerivedFrom = null,
    bool CombinesReturns = false)
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
