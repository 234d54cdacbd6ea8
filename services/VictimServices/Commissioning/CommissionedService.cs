namespace Partnership.VictimServices.Commissioning;

/// <summary>
/// One victim service the PCC commissions from a provider in a financial year: what the PCC was
/// awarded for it from a funding stream, and what it allocated to the provider.
/// </summary>
public sealed record CommissionedService(
    string Id,
    string Provider,
    string Service,
    string FundingStream,
    decimal AmountAwarded,
    decimal AmountAllocated,
    DateOnly ContractStart,
    DateOnly ContractEnd)
{
    public bool CoversAnyOf(DateOnly start, DateOnly end) => ContractStart <= end && start <= ContractEnd;
}

/// <summary>A commissioned service as read back, with the financial year and revision it belongs to.</summary>
public sealed record CommissionedServiceView(CommissionedService Service, string ForceAreaCode, int FinancialYear, int Revision);

/// <summary>A funding stream's money in a financial year: awarded to the PCC and allocated to providers.</summary>
public sealed record FundingTotal(string FundingStream, int FinancialYear, decimal AmountAwarded, decimal AmountAllocated, int Services)
{
    public decimal AmountUnallocated => AmountAwarded - AmountAllocated;
}

/// <summary>A total as a statement states it; either amount may be left out.</summary>
public sealed record StatedTotal(string FundingStream, decimal? AmountAwarded, decimal? AmountAllocated);

/// <summary>A force area's commissioning for one financial year, as submitted.</summary>
public sealed record CommissioningStatement(
    string ForceAreaCode,
    int FinancialYear,
    IReadOnlyList<CommissionedService> Services,
    IReadOnlyList<StatedTotal> StatedTotals,
    string SubmittedBy);

public sealed record AcceptedCommissioning(int Revision, int Services, IReadOnlyList<FundingTotal> Totals);
