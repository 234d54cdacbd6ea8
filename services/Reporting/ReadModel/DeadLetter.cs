namespace Partnership.Reporting.ReadModel;

/// <summary>An event the broker moved to a dead-letter topic, kept so operators can see it and why.</summary>
public sealed class DeadLetter
{
    /// <summary>The CloudEvent id: a dead letter delivered twice is recorded once.</summary>
    public required string MessageId { get; set; }

    public required string Topic { get; set; }

    public required string DeadLetterTopic { get; set; }

    public required string Reason { get; set; }

    public string? EventId { get; set; }

    public string? SourceService { get; set; }

    public string? ReturnKey { get; set; }

    public int? Revision { get; set; }

    public string ContentType { get; set; } = "";

    public string Payload { get; set; } = "";

    public long ReceivedAtMs { get; set; }
}
