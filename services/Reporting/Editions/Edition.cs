namespace Partnership.Reporting.Editions;

/// <summary>Where an edition stands: <see cref="Published"/> is recorded once its embargo has passed.</summary>
public enum EditionState
{
    Draft,
    SignedOff,
    Published,
}

/// <summary>
/// One edition of a force's Delivery Quarterly Report for one period, as the aggregator stores it. It
/// holds the report it will publish (<see cref="Report"/>, the true figures as built when the figures
/// were last taken), so signing it off freezes exactly what the approver read; and, from sign-off,
/// the public report made from it (<see cref="PublicReport"/>), so no output of a published edition is
/// ever built again.
/// </summary>
public sealed class Edition
{
    public const int MaxText = 200;

    public const int MaxNotes = 4000;

    public long Id { get; set; }

    public required string ForceAreaCode { get; set; }

    public required string PeriodKey { get; set; }

    public required string PeriodLabel { get; set; }

    /// <summary>The comparisons the report holds, by name, comma-separated.</summary>
    public required string Comparisons { get; set; }

    public string Title { get; set; } = "";

    public string Notes { get; set; } = "";

    public EditionState State { get; set; }

    /// <summary>Rises with every change; a change made from an older version is refused.</summary>
    public int Version { get; set; }

    public long CreatedAtMs { get; set; }

    public required string CreatedBy { get; set; }

    public long FiguresTakenAtMs { get; set; }

    public long? SignedOffAtMs { get; set; }

    public string SignedOffBy { get; set; } = "";

    public long? EmbargoMs { get; set; }

    public long? PublishedAtMs { get; set; }

    /// <summary>The report with true figures, as JSON (<see cref="EditionSnapshot"/>).</summary>
    public required string Report { get; set; }

    /// <summary>The public report, disclosure control applied at sign-off, as JSON; empty before.</summary>
    public string PublicReport { get; set; } = "";
}
