namespace Partnership.VictimServices.Commissioning;

/// <summary>One revision of a force area's commissioning for a financial year; appended, never updated.</summary>
public sealed class CommissioningRevision
{
    public Guid Id { get; set; }

    public required string ForceAreaCode { get; set; }

    public int FinancialYear { get; set; }

    public int Revision { get; set; }

    public required string SubmittedBy { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public List<CommissionedServiceRow> Services { get; set; } = [];
}
