namespace Partnership.Domain;

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
