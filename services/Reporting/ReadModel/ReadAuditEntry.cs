namespace Partnership.Reporting.ReadModel;

/// <summary>One read of restricted or safeguarding figures the aggregator served: who, which area, which period, which call.</summary>
public sealed class ReadAuditEntry
{
    public const int MaxText = 200;

    public long Id { get; set; }

    public long OccurredAtMs { get; set; }

    public required string Agency { get; set; }

    public required string Subject { get; set; }

    public required string ClientAddress { get; set; }

    public required string AreaCode { get; set; }

    /// <summary>The period read as ISO dates, so a query for a longer window finds the reads inside it.</summary>
    public required string PeriodStart { get; set; }

    public required string PeriodEnd { get; set; }

    public required string PeriodLabel { get; set; }

    /// <summary>The gRPC method or dashboard path that served the figures.</summary>
    public required string Call { get; set; }
}
