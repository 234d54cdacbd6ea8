using Partnership.Domain;
using Partnership.Testing;
using Partnership.VictimServices.Commissioning;
using static Partnership.Testing.Areas;

namespace Partnership.VictimServices.Tests;

public class CommissioningTests
{
    private static readonly CommissioningValidator Validator = new(Geography.Load());

    private static CommissionedService Service(string id, string stream, decimal awarded, decimal allocated) =>
        new(id, "Provider " + id, "Service " + id, stream, awarded, allocated, new DateOnly(2024, 4, 1), new DateOnly(2027, 3, 31));

    private static CommissioningStatement Statement(IReadOnlyList<CommissionedService> services, params StatedTotal[] totals) =>
        new(WestYorkshire, 2024, services, totals, "OPCC");

    [Fact]
    public void Calculate_ServicesOverTwoStreamsAndYears_TotalsEachStreamAndYearExactly()
    {
        CommissionedServiceView View(CommissionedService s, int year) => new(s, WestYorkshire, year, 1);
        var totals = FundingTotals.Calculate(
        [
            View(Service("a", "MoJ Victims Grant", 1_000_000.10m, 950_000.10m), 2024),
            View(Service("b", "MoJ Victims Grant", 250_000.20m, 250_000.20m), 2024),
            View(Service("c", "PCC core budget", 80_000m, 60_000m), 2024),
            View(Service("a", "MoJ Victims Grant", 1_020_000m, 1_000_000m), 2025),
        ]);

        Assert.Equal(3, totals.Count);
        var moj = totals[0];
        Assert.Equal(("MoJ Victims Grant", 2024, 2), (moj.FundingStream, moj.FinancialYear, moj.Services));
        Assert.Equal(1_250_000.30m, moj.AmountAwarded);
        Assert.Equal(1_200_000.30m, moj.AmountAllocated);
        Assert.Equal(50_000m, moj.AmountUnallocated);
        Assert.Equal(("PCC core budget", 2024, 20_000m), (totals[1].FundingStream, totals[1].FinancialYear, totals[1].AmountUnallocated));
        Assert.Equal(2025, totals[2].FinancialYear);
    }

    [Fact]
    public void Validate_StatedTotalsMatchingTheirParts_HasNoViolations()
    {
        var statement = Statement(
            [Service("a", "MoJ Victims Grant", 0.10m, 0.10m), Service("b", "MoJ Victims Grant", 0.20m, 0.10m)],
            new StatedTotal("MoJ Victims Grant", 0.30m, 0.20m));

        Assert.Empty(Validator.Validate(statement));
    }

    [Fact]
    public void Validate_StatedTotalNotMatchingItsParts_NamesTheTotalAndTheDifference()
    {
        var statement = Statement(
            [Service("a", "MoJ Victims Grant", 500_000m, 400_000m), Service("b", "MoJ Victims Grant", 300_000m, 300_000m)],
            new StatedTotal("MoJ Victims Grant", 810_000m, 700_000m));

        var violation = Assert.Single(Validator.Validate(statement));

        Assert.Equal("stated_totals[0].amount_awarded", violation.Field);
        Assert.Contains("£800,000.00", violation.Description, StringComparison.Ordinal);
        Assert.Contains("difference of £10,000.00", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TotalForAStreamNoServiceUses_IsRejected()
    {
        var statement = Statement([Service("a", "MoJ Victims Grant", 1m, 1m)], new StatedTotal("Home Office DA fund", 5m, null));

        Assert.Equal("stated_totals[0].funding_stream", Assert.Single(Validator.Validate(statement)).Field);
    }

    [Fact]
    public void Validate_BadServices_ListsEveryProblem()
    {
        var statement = Statement(
        [
            Service("a", "MoJ Victims Grant", 100m, 120m),
            Service("a", "", -1m, -2m),
            Service("c", "PCC core budget", 1.005m, 1m) with { ContractStart = new DateOnly(2020, 4, 1), ContractEnd = new DateOnly(2021, 3, 31) },
        ]);

        var fields = Validator.Validate(statement).Select(v => v.Field).ToList();

        Assert.Equal(
            ["services[0].amount_allocated", "services[1].funding_stream", "services[1].id", "services[1].amount_awarded", "services[1].amount_allocated", "services[2].amount_awarded", "services[2].contract_start"],
            fields);
    }

    [Fact]
    public void Validate_DistrictInsteadOfForce_IsRejected()
    {
        var statement = Statement([Service("a", "MoJ Victims Grant", 1m, 1m)]) with { ForceAreaCode = Areas.Bradford };

        Assert.Equal("force_area_code", Assert.Single(Validator.Validate(statement)).Field);
    }
}
