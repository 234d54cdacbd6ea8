namespace Partnership.Submissions.Storage;

/// <summary>
/// An event waiting to be published, written in the same transaction as the return it announces,
/// so a crash between storing and publishing loses nothing.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public required string Topic { get; set; }

    /// <summary>The return revision the event announces, so operators can see whether it has gone out.</summary>
    public Guid? ReturnId { get; set; }

    /// <summary>The event as <see cref="Partnership.EventBus.QuarterlyUpdateCodec"/> wrote it; published byte for byte.</summary>
    public required byte[] Data { get; set; }

    /// <summary>The content type of <see cref="Data"/>, published with it.</summary>
    public required string ContentType { get; set; }

    /// <summary>W3C trace context of the submission, so the later dispatch joins the same trace.</summary>
    public string? TraceParent { get; set; }

    // Times are Unix milliseconds: comparable and sortable on every provider, SQLite included.
    public long CreatedAtMs { get; set; }

    public long NextAttemptAtMs { get; set; }

    public long? PublishedAtMs { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
