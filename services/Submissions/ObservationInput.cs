using Partnership.Domain;

namespace Partnership.Submissions;

/// <summary>One submitted figure. <see cref="Period"/> is null when it is the return's own period.</summary>
public sealed record ObservationInput(
    string MeasureId,
    Period? Period,
    Figure Figure,
    ObservationStatus Status = ObservationStatus.Final,
    string Note = "",
    Trend Trend = Trend.None,
    int SourceLine = 0,
    Confidentiality? Confidentiality = null);
