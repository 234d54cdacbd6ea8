using Partnership.Domain;

namespace Partnership.Submissions;

/// <summary>A stored revision of a return, as read back.</summary>
public sealed record StoredReturnView(
    Guid ReturnId,
    string Service,
    string AreaCode,
    Period Period,
    int Revision,
    int LatestRevision,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<Observation> Observations);
