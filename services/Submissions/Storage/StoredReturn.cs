namespace Partnership.Submissions.Storage;

/// <summary>One revision of a return. Revisions are appended, never updated.</summary>
public sealed class StoredReturn
{
    public Guid Id { get; set; }

    public required string ReturnKey { get; set; }

    public required string Service { get; set; }

    public required string AreaCode { get; set; }

    public required string PeriodKey { get; set; }

    /// <summary>The partner within the service when several report for one area; empty otherwise.</summary>
    public string Source { get; set; } = "";

    public int Revision { get; set; }

    public required string SubmittedBy { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public List<StoredObservation> Observations { get; set; } = [];
}
