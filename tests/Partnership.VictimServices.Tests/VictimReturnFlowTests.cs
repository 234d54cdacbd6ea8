using Google.Rpc;
using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Common.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Contracts.Victims.V1;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.VictimServices.Tests;

public class VictimReturnFlowTests
{
    private static readonly Period Year = DomainPeriod.Parse("FY2024/25").ToContract();
    private static readonly Period Q1 = DomainPeriod.Parse("FY2024/25-Q1").ToContract();
    private static readonly Period QuarterEnd = DomainPeriod.Parse("2024-06-30").ToContract();

    private static ObservationInput Count(string measure, decimal value, Period? period = null)
    {
        var input = new ObservationInput { MeasureId = measure, Value = value };
        if (period is not null)
        {
            input.Period = period;
        }

        return input;
    }

    private static ObservationInput Ratio(string measure, decimal numerator, decimal denominator) =>
        new() { MeasureId = measure, Fraction = new Fraction { Numerator = numerator, Denominator = denominator } };

    private static Contracts.Victims.V1.CommissionedService Commission(string id, string stream, decimal awarded, decimal allocated) => new()
    {
        Id = id,
        Provider = "Provider " + id,
        Service = "Service " + id,
        FundingStream = stream,
        AmountAwarded = awarded,
        AmountAllocated = allocated,
        ContractStart = "2024-04-01",
        ContractEnd = "2026-03-31",
    };

    private static async Task CommissionAsync(ExchangeHost host)
    {
        var request = new SubmitCommissioningRequest { ForceAreaCode = WestYorkshire, FinancialYear = Year, SubmittedBy = "OPCC" };
        request.Services.Add(Commission("wy-general", "MoJ Victims Grant", 1_200_000.50m, 1_150_000.50m));
        request.Services.Add(Commission("wy-isva", "MoJ Victims Grant", 400_000m, 400_000m));
        request.Services.Add(Commission("wy-idva", "PCC core budget", 250_000m, 240_000m));
        request.StatedTotals.Add(new FundingTotal { FundingStream = "MoJ Victims Grant", AmountAwarded = 1_600_000.50m, AmountAllocated = 1_550_000.50m });
        await host.Victims.SubmitCommissioningAsync(request);
    }

    private static SubmitReturnRequest ProviderReturn(string commission, decimal police, decimal self, decimal agencies, decimal fraud, (decimal Improved, decimal Measured) wellbeing, decimal closed, decimal isva, decimal idva)
    {
        var request = new SubmitReturnRequest { AreaCode = WestYorkshire, Period = Q1, CommissionId = commission, SubmittedBy = "Provider " + commission };
        request.Observations.Add(Count("victims.referrals", police + self + agencies + fraud));
        request.Observations.Add(Count("victims.referrals_police", police));
        request.Observations.Add(Count("victims.self_referrals", self));
        request.Observations.Add(Count("victims.referrals_other_agencies", agencies));
        request.Observations.Add(Count("victims.referrals_national_fraud", fraud));
        request.Observations.Add(Count("victims.cases_closed", closed));
        request.Observations.Add(Ratio("victims.wellbeing_improved", wellbeing.Improved, wellbeing.Measured));
        request.Observations.Add(Count("victims.isva_caseload", isva, QuarterEnd));
        request.Observations.Add(Count("victims.idva_caseload", idva, QuarterEnd));
        return request;
    }

    private static Task<CountyRollup> RollupAsync(ExchangeHost host, Period period) =>
        host.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = WestYorkshire, Period = period }).ResponseAsync;

    private static MeasureRollup? Measure(CountyRollup rollup, string id) => rollup.Measures.SingleOrDefault(m => m.Measure.Id == id);

    [Fact]
    public async Task SubmitCommissioning_ThenReads_ListServicesAndTotalsPerStreamAndYear()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.VictimServices | ExchangeServices.Reporting);
        await CommissionAsync(host);

        var services = await host.Victims.ListCommissionedServicesAsync(new ListCommissionedServicesRequest { ForceAreaCode = WestYorkshire });
        var totals = await host.Victims.GetFundingTotalsAsync(new GetFundingTotalsRequest { ForceAreaCode = WestYorkshire, FinancialYear = Year });

        Assert.Equal(["wy-general", "wy-isva", "wy-idva"], services.Services.Select(s => s.Id));
        Assert.All(services.Services, s => Assert.Equal("FY2024/25", s.FinancialYear));
        var moj = totals.Totals.Single(t => t.FundingStream == "MoJ Victims Grant");
        Assert.Equal(1_600_000.50m, moj.AmountAwarded.ToDecimal());
        Assert.Equal(1_550_000.50m, moj.AmountAllocated.ToDecimal());
        Assert.Equal(50_000m, moj.AmountUnallocated.ToDecimal());
        Assert.Equal(10_000m, totals.Totals.Single(t => t.FundingStream == "PCC core budget").AmountUnallocated.ToDecimal());
    }

    [Fact]
    public async Task SubmitCommissioning_TotalNotMatchingItsParts_IsInvalidArgumentAndStoresNothing()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.VictimServices | ExchangeServices.Reporting);
        var request = new SubmitCommissioningRequest { ForceAreaCode = WestYorkshire, FinancialYear = Year };
        request.Services.Add(Commission("wy-general", "MoJ Victims Grant", 100m, 100m));
        request.StatedTotals.Add(new FundingTotal { FundingStream = "MoJ Victims Grant", AmountAwarded = 100m, AmountAllocated = 90m });

        var ex = await Assert.ThrowsAsync<RpcException>(() => host.Victims.SubmitCommissioningAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("stated_totals[0].amount_allocated", Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
        var services = await host.Victims.ListCommissionedServicesAsync(new ListCommissionedServicesRequest { ForceAreaCode = WestYorkshire });
        Assert.Empty(services.Services);
    }

    [Fact]
    public async Task SubmitReturn_ProvidersAndForce_RollUpToTheForceAreaByEachMeasuresRule()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.VictimServices | ExchangeServices.Reporting);
        await CommissionAsync(host);

        await host.Victims.SubmitReturnAsync(ProviderReturn("wy-general", 300, 80, 60, 40, (90, 100), 120, 0, 0));
        await host.Victims.SubmitReturnAsync(ProviderReturn("wy-isva", 40, 20, 10, 0, (10, 50), 60, 55, 0));
        await host.Victims.SubmitReturnAsync(ProviderReturn("wy-idva", 60, 10, 30, 0, (30, 40), 45, 0, 75));
        var force = new SubmitReturnRequest { AreaCode = WestYorkshire, Period = Q1, SubmittedBy = "West Yorkshire Police" };
        force.Observations.Add(Ratio("victims.satisfaction", 812, 1_000));
        force.Observations.Add(Ratio("victims.needs_assessed", 6_100, 7_000));
        await host.Victims.SubmitReturnAsync(force);
        var bradford = new SubmitReturnRequest { AreaCode = Bradford, Period = Q1, SubmittedBy = "West Yorkshire Police" };
        bradford.Observations.Add(Ratio("victims.satisfaction", 150, 200));
        await host.Victims.SubmitReturnAsync(bradford);

        var rollup = await Eventually.WaitForAsync(
            () => RollupAsync(host, Q1),
            r => Measure(r, "victims.referrals")?.CountyValue?.ToDecimal() == 650m
                && Measure(r, "victims.satisfaction")?.CountyValue?.ToDecimal() == 0.812m
                && Measure(r, "victims.satisfaction")?.Districts.Count == 1
                && Measure(r, "victims.needs_assessed")?.CountyValue is not null,
            what: "every return in the rollup");

        var referrals = Measure(rollup, "victims.referrals")!;
        Assert.False(referrals.Provisional);
        Assert.Empty(referrals.DistrictsMissing);
        Assert.Equal(110m, Measure(rollup, "victims.self_referrals")!.CountyValue.ToDecimal());
        // Ratio of sums across providers: 130 / 190, not the mean of 90%, 20% and 75%.
        var wellbeing = Measure(rollup, "victims.wellbeing_improved")!;
        Assert.Equal(130m, wellbeing.CountyFraction.Numerator.ToDecimal());
        Assert.Equal(190m, wellbeing.CountyFraction.Denominator.ToDecimal());
        // County-only: the force figure (with its central units) stands; the district is shown beside it.
        var satisfaction = Measure(rollup, "victims.satisfaction")!;
        Assert.Equal(0.812m, satisfaction.CountyValue.ToDecimal());
        Assert.Equal(CountySource.SubmittedCountyFigure, satisfaction.Source);
        Assert.Equal(Bradford, Assert.Single(satisfaction.Districts).AreaCode);

        var caseloads = await RollupAsync(host, QuarterEnd);
        Assert.Equal(55m, Measure(caseloads, "victims.isva_caseload")!.CountyValue.ToDecimal());
        Assert.Equal(75m, Measure(caseloads, "victims.idva_caseload")!.CountyValue.ToDecimal());
    }

    [Fact]
    public async Task SubmitReturn_ProviderResubmits_RevisionTwoReplacesItsFiguresInTheRollup()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.VictimServices | ExchangeServices.Reporting);
        await CommissionAsync(host);
        await host.Victims.SubmitReturnAsync(ProviderReturn("wy-general", 300, 80, 60, 40, (90, 100), 120, 0, 0));
        await host.Victims.SubmitReturnAsync(ProviderReturn("wy-isva", 40, 20, 10, 0, (10, 50), 60, 55, 0));

        var second = await host.Victims.SubmitReturnAsync(ProviderReturn("wy-general", 310, 80, 60, 40, (90, 100), 120, 0, 0));

        Assert.Equal(2, second.Revision);
        var rollup = await Eventually.WaitForAsync(() => RollupAsync(host, Q1), r => Measure(r, "victims.referrals")?.CountyValue?.ToDecimal() == 560m, what: "revision 2 in the rollup");
        Assert.Equal(350m, Measure(rollup, "victims.referrals_police")!.CountyValue.ToDecimal());
        var first = await host.Victims.GetReturnAsync(new GetReturnRequest { AreaCode = WestYorkshire, Period = Q1, CommissionId = "wy-general", Revision = 1 });
        Assert.Equal(2, first.LatestRevision);
        Assert.Equal(300m, first.Observations.Single(o => o.MeasureId == "victims.referrals_police").Value.ToDecimal());
    }

    [Fact]
    public async Task SubmitReturn_UncommissionedService_IsInvalidArgumentOnCommissionId()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.VictimServices | ExchangeServices.Reporting);
        await CommissionAsync(host);

        var ex = await Assert.ThrowsAsync<RpcException>(() => host.Victims.SubmitReturnAsync(ProviderReturn("wy-unknown", 1, 1, 1, 1, (1, 1), 1, 1, 1)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("commission_id", Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task GetSurveyRate_FourQuarterlyWaves_IsSatisfiedOverRespondentsForTheYear()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.VictimServices | ExchangeServices.Reporting);
        (decimal Satisfied, decimal Respondents)[] waves = [(90, 100), (150, 300), (80, 100), (300, 500)];
        for (var quarter = 1; quarter <= 4; quarter++)
        {
            var request = new SubmitReturnRequest { AreaCode = WestYorkshire, Period = DomainPeriod.FinancialQuarter(2024, quarter).ToContract() };
            request.Observations.Add(Ratio("victims.satisfaction", waves[quarter - 1].Satisfied, waves[quarter - 1].Respondents));
            await host.Victims.SubmitReturnAsync(request);
        }

        var rate = await host.Victims.GetSurveyRateAsync(new GetSurveyRateRequest { MeasureId = "victims.satisfaction", AreaCode = WestYorkshire, Period = Year });

        Assert.Equal(0.62m, rate.Rate.ToDecimal());
        Assert.Equal(1_000m, rate.Fraction.Denominator.ToDecimal());
        Assert.Equal(4, rate.Waves.Count);
        var gap = await Assert.ThrowsAsync<RpcException>(() => host.Victims.GetSurveyRateAsync(new GetSurveyRateRequest
        {
            MeasureId = "victims.satisfaction",
            AreaCode = WestYorkshire,
            Period = DomainPeriod.Parse("FY2023/24").ToContract(),
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, gap.StatusCode);
    }
}
