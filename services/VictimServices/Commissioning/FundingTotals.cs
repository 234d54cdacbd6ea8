namespace Partnership.VictimServices.Commissioning;

public static class FundingTotals
{
    /// <summary>Per funding stream and financial year, in a stable order; sums are exact decimals.</summary>
    public static IReadOnlyList<FundingTotal> Calculate(IEnumerable<CommissionedServiceView> services) =>
        [.. services
            .GroupBy(s => (s.Service.FundingStream, s.FinancialYear))
            .Select(g => new FundingTotal(
                g.Key.FundingStream,
                g.Key.FinancialYear,
                g.Sum(s => s.Service.AmountAwarded),
                g.Sum(s => s.Service.AmountAllocated),
                g.Count()))
            .OrderBy(t => t.FinancialYear)
            .ThenBy(t => t.FundingStream, StringComparer.Ordinal)];
}
