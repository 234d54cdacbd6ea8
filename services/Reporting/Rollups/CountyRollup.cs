using Partnership.Domain;

namespace Partnership.Reporting.Rollups;

public enum CountySource
{
    None,
    DistrictRollup,
    SubmittedCountyFigure,
}

/// <summary>A figure as it came from one area's return, with where it came from.</summary>
public sealed record SourcedFigure(
    string AreaCode,
    Figure Figure,
    ObservationStatus Status,
    Confidentiality Confidentiality,
    int Revision,
    string ReturnId,
    Trend Trend = Trend.None,
    string Note = "");

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
