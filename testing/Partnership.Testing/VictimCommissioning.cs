using Partnership.Contracts;
using Partnership.Contracts.Victims.V1;

namespace Partnership.Testing;

/// <summary>West Yorkshire's commissioned victim services for FY2024/25, so providers' returns are accepted.</summary>
public static class VictimCommissioning
{
    public static readonly string[] Providers = ["wy-general", "wy-isva"];

    public static SubmitCommissioningRequest FY2024() => Of(Providers);

    public static SubmitCommissioningRequest Of(IEnumerable<string> ids)
    {
        var request = new SubmitCommissioningRequest { ForceAreaCode = Areas.WestYorkshire, FinancialYear = Domain.Period.Parse("FY2024/25").ToContract() };
        foreach (var id in ids)
        {
            request.Services.Add(new CommissionedService
            {
                Id = id,
                Provider = id,
                Service = id,
                FundingStream = "MoJ Victims Grant",
                AmountAwarded = 1_000m,
                AmountAllocated = 1_000m,
                ContractStart = "2024-04-01",
                ContractEnd = "2025-03-31",
            });
        }

        return request;
    }
}
