namespace Partnership.Submissions.Storage;

/// <summary>
/// One attempt to submit a return, whatever became of it, or one read of restricted figures: who (agency, subject, client address), when,
/// for which area and period, and the outcome. Rows are only ever added (see
/// <see cref="SubmissionDbContext"/>); an accepted return's row is written in the transaction that stores it.
/// </summary>
public sealed class AuditEntry
{
    public const int MaxText = 200;

    public long Id { get; set; }

    public long OccurredAtMs { get; set; }

    public required string Service { get; set; }

    public AuditOutcome Outcome { get; set; }

    public required string Agency { get; set; }

    public required string Subject { get; set; }

    public required string ClientAddress { get; set; }

    public required string AreaCode { get; set; }

    /// <summary>The return's period as ISO dates, so a query for a longer window finds the returns inside it.</summary>
    public required string PeriodStart { get; set; }

    public required string PeriodEnd { get; set; }

    public required string PeriodLabel { get; set; }

    public Guid? ReturnId { get; set; }

    public int? Revision { get; set; }

    /// <summary>Why a return was denied or rejected (the problems' count, never figures).</summary>
    public string Detail { get; set; } = "";
}

public enum AuditOutcome
{
    Accepted,
    Rejected,
    Denied,

    /// <summary>A read that returned restricted or safeguarding figures.</summary>
    Read,
}
