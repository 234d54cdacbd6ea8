namespace Partnership.Reporting.Comparisons;

/// <summary>
/// One figure of a published national table (source "national"): a force's, or England and Wales's,
/// value of a measure for a window, from a publication. Kept apart from partners' returns.
/// </summary>
public sealed class NationalFigure
{
    public const int MaxText = 200;

    public long Id { get; set; }

    public required string AreaCode { get; set; }

    /// <summary>A catalogue id, or a catalogue count's id with <c>.per_1000</c> for its rate per 1,000 population.</summary>
    public required string MeasureId { get; set; }

    /// <summary>The window as ISO dates, both inclusive.</summary>
    public required string PeriodStart { get; set; }

    public required string PeriodEnd { get; set; }

    public decimal Value { get; set; }

    /// <summary>e.g. "ONS Crime in England and Wales, year ending March 2024"; importing it again replaces its figures.</summary>
    public required string Publication { get; set; }

    /// <summary>The publication's vintage: the date it was published, ISO.</summary>
    public required string PublishedOn { get; set; }

    public long ImportedAtMs { get; set; }
}
