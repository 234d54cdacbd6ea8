namespace Partnership.Reporting.ReadModel;

/// <summary>The revision of a return the read model holds; an older one arriving late is ignored.</summary>
public sealed class ReturnVersion
{
    public required string ReturnKey { get; set; }

    public required string SourceService { get; set; }

    public required string AreaCode { get; set; }

    public required string PeriodKey { get; set; }

    public int Revision { get; set; }

    public required string ReturnId { get; set; }

    public required string EventId { get; set; }

    public required string SubmittedBy { get; set; }

    public long SubmittedAtMs { get; set; }

    public long ReceivedAtMs { get; set; }
}
