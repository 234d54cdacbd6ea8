using Partnership.Domain;

namespace Partnership.Submissions;

/// <summary>
/// One revision of a return that carried a figure, as it bears on that figure: what it said, or null
/// when that revision left the figure out (or the caller may not read it).
/// </summary>
public sealed record ObservationRevision(
    string Service,
    string Source,
    Guid ReturnId,
    int Revision,
    int LatestRevision,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    Observation? Observation)
{
    public bool IsCurrent => Revision == LatestRevision;
}
