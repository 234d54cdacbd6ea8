namespace Partnership.Reporting.Editions;

/// <summary>
/// A corrected version of a published edition: the report as the aggregator held it when the
/// approver issued the correction, with the reason. Version 1 is the edition itself; each correction
/// is the next number, and every version stays readable.
/// </summary>
public sealed class EditionCorrection
{
    public const int MaxReason = 1000;

    public long Id { get; set; }

    public long EditionId { get; set; }

    public Edition? Edition { get; set; }

    /// <summary>2 for the first correction, and so on.</summary>
    public int Number { get; set; }

    public long IssuedAtMs { get; set; }

    public required string IssuedBy { get; set; }

    /// <summary>What changed and why, in the approver's words.</summary>
    public required string Reason { get; set; }

    /// <summary>The report with true figures, as JSON (<see cref="EditionSnapshot"/>).</summary>
    public required string Report { get; set; }

    /// <summary>The public report, disclosure control applied when the correction was issued, as JSON.</summary>
    public required string PublicReport { get; set; }
}
