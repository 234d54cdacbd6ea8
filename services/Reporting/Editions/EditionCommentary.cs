namespace Partnership.Reporting.Editions;

/// <summary>What a piece of commentary is about: one measure's row, or one section (a theme of the plan).</summary>
public enum CommentaryKind
{
    Measure,
    Section,
}

/// <summary>
/// The editor's commentary on one measure or section of a draft, as stored: the text as written, with
/// its placeholders, and the value each placeholder showed when it was written (<see cref="Cited"/>),
/// which is what a later figure is compared with to flag the commentary stale.
/// </summary>
public sealed class EditionCommentary
{
    public const int MaxText = 4000;

    public long Id { get; set; }

    public long EditionId { get; set; }

    public Edition? Edition { get; set; }

    public CommentaryKind Kind { get; set; }

    /// <summary>The measure's id, or the theme's.</summary>
    public required string Key { get; set; }

    public required string Text { get; set; }

    /// <summary>Each placeholder with the value it showed when written, as JSON (<see cref="CommentaryText.WriteCited"/>).</summary>
    public required string Cited { get; set; }

    public long WrittenAtMs { get; set; }

    public required string WrittenBy { get; set; }
}
