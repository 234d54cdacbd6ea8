namespace Partnership.Reporting.Editions;

/// <summary>What was done to an edition.</summary>
public enum EditionAction
{
    Created,
    Edited,
    SignedOff,
    Published,

    /// <summary>A corrected version of a published edition issued.</summary>
    Corrected,
}

/// <summary>One create, edit, sign-off, publication or correction of an edition: who, when, which force and period, and what.</summary>
public sealed class EditionAuditEntry
{
    public const int MaxText = 200;

    public long Id { get; set; }

    public long EditionId { get; set; }

    public Edition? Edition { get; set; }

    public EditionAction Action { get; set; }

    public long OccurredAtMs { get; set; }

    /// <summary>From the caller's verified token; empty for a publication, which the embargo makes.</summary>
    public required string Agency { get; set; }

    public required string Subject { get; set; }

    public required string ClientAddress { get; set; }

    public required string AreaCode { get; set; }

    /// <summary>The edition's period as ISO dates, so a query for a longer window finds the editions inside it.</summary>
    public required string PeriodStart { get; set; }

    public required string PeriodEnd { get; set; }

    public required string PeriodLabel { get; set; }

    /// <summary>What changed (an edit), or the embargo (a sign-off).</summary>
    public required string Detail { get; set; }
}
