using Partnership.Domain;

namespace Partnership.Submissions.Status;

/// <summary>A current return's figure for one cell (measure x area x window), as the service stores it.</summary>
public sealed record StoredClaim(string ReturnKey, Guid ReturnId, int Revision, string SubmittedBy, DateTimeOffset SubmittedAt, Observation Observation)
{
    /// <summary>Milliseconds, as the event carries it, so the aggregator ranks the same claims the same way.</summary>
    public FigureClaim Claim => new(ReturnKey, SubmittedAt.ToUnixTimeMilliseconds());

    public string Reporter => ReturnIdentity.TryParse(ReturnKey, out var identity) ? identity.Reporter : ReturnKey;
}
