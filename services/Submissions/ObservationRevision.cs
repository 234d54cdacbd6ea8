using Partnership.Domain;

namespace Partnership.Submissions;

/// <summary>
/// One revision of a return that carried a figure, as it bears on that figure: what it said, or null
/// when that revision left the figure out (or the caller may not read it). <c>Conflict</c>
/// says why the latest revision of a return is not in the report, when another return's claim on the
/// figure wins.
/// </summary>
public sealed record ObservationRevision(
    string Service,
    string Source,
    Guid ReturnId,
    int Revision,
    int LatestRevision,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    Observation? Observation,
    bool InReport = false,
    string Conflict = "")
{
    /// <summary>
    /// This revision's figure is the one the county report uses: the latest revision of its return,
    /// and not a conflicting claim another return's figure wins (<see cref="FigurePrecedence"/>).
    /// Exactly one row of a figure's history is current (one per partner where the measure combines returns).
    /// </summary>
    public bool IsCurrent => InReport;
}
