namespace Partnership.VictimServices.Commissioning;

public sealed class CommissionedServiceRow
{
    public long Id { get; set; }

    public Guid RevisionId { get; set; }

    public int Ordinal { get; set; }

    public required string CommissionId { get; set; }

    public required string Provider { get; set; }

    public required string Service { get; set; }

    public required string FundingStream { get; set; }

    public decimal AmountAwarded { get; set; }

    public decimal AmountAllocated { get; set; }

    public DateOnly ContractStart { get; set; }

    public DateOnly ContractEnd { get; set; }

    public CommissionedService ToDomain() =>
        new(CommissionId, Provider, Service, FundingStream, AmountAwarded, AmountAllocated, ContractStart, ContractEnd);
}
