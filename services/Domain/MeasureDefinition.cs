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
    DisclosureRule? Disclosure = null,
    bool CombinesReturns = false)
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
        FigureDisplay.PerThousand => FigureKind.PerPopulation,
        _ => FigureKind.Count,
    };

    public bool AllowsCadence(PeriodKind kind) => Cadences.Contains(kind);

    /// <summary>
    /// Whether a partner may submit a figure for this window. A window can be of two kinds at once, and
    /// is allowed as either: a financial year is also the 12 months to March, and April to June,
    /// April to September and April to March are also years to date.
    /// </summary>
    public bool Allows(Period period) =>
        AllowsCadence(period.Kind)
        || (period.Kind == PeriodKind.FinancialYear && AllowsCadence(PeriodKind.Rolling12Months))
        || (!period.IsSnapshot && period.Start.Month == 4 && period.MonthCount <= 12 && AllowsCadence(PeriodKind.YearToDate));
}
