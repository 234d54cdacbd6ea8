using Partnership.Domain;

namespace Partnership.Submissions.Status;

/// <summary>
/// A figure of a return that another current return also claims (the same measure, area and window)
/// where the measure does not combine returns: one of them is the figure, the other is left out.
/// </summary>
/// <param name="Used">Whether this return's figure is the one the county report uses.</param>
public sealed record FigureConflict(string MeasureId, Period Period, Observation Figure, StoredClaim Other, bool Used);
