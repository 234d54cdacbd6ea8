using Partnership.Domain;

namespace Partnership.Reporting.Rollups;

public enum CountySource
{
    None,
    DistrictRollup,
    SubmittedCountyFigure,
}

/// <summary>A figure as it came from one area's return, with where it came from.</summary>
/// <param name="ReturnKey">The return (across its revisions) and <paramref name="SubmittedAtMs"/> when this revision was submitted: what decides between returns claiming one figure.</param>
public sealed record SourcedFigure(
    string AreaCode,
    Figure Figure,
    ObservationStatus Status,
    Confidentiality Confidentiality,
    int Revision,
    string ReturnId,
    Trend Trend = Trend.None,
    string Note = "",
    string ReturnKey = "",
    long SubmittedAtMs = 0)
{
    /// <summary>The claim precedence ranks; a figure of an unknown return is a partner of its own.</summary>
    public FigureClaim Claim => new(ReturnKey.Length > 0 ? ReturnKey : ReturnId, SubmittedAtMs);
}

public sealed record MeasureRollup(
    MeasureDefinition Measure,
    decimal? CountyValue,
    decimal? CountyNumerator,
    decimal? CountyDenominator,
    CountySource Source,
    IReadOnlyList<string> DistrictsIncluded,
    IReadOnlyList<string> DistrictsMissing,
    bool Provisional,
    IReadOnlyList<SourcedFigure> Districts,
    decimal? DistrictSum,
    decimal? SubmittedCountyValue,
    string Explanation,
    Period? FigurePeriod = null)
{
    /// <summary>What disclosure control decided for each cell, once applied for an audience.</summary>
    public Disclosure.DisclosureResult? Disclosure { get; init; }
}

public sealed record CountyRollup(AreaDefinition ForceArea, Period Period, IReadOnlyList<MeasureRollup> Measures);
