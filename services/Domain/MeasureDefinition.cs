namespace Partnership.Domain;

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
    DisclosureRule? Disclosure = null)
{
    /// <summary>Computed by the aggregator from other measures; partners never submit it.</summary>
    public bool IsDerived => DerivedFrom is not null;

    /// <summary>Its small counts could identify people (unique people, victims at risk), so public output hides them.</summary>
    public bool IsDisclosive => Disclosure is not null;

    public FigureKind Kind => Unit switch
    {
        "ratio" => FigureKind.Ratio,
        "percent" => FigureKind.Percent,
        "days" or "weeks" => FigureKind.Quotient,
        _ => FigureKind.Count,
    };

    public bool AllowsCadence(PeriodKind kind) => Cadences.Contains(kind);
}
