using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.Contracts.Safeguarding.V1;
using Partnership.Testing;
using static Partnership.Safeguarding.Tests.Returns;
using static Partnership.Testing.Areas;

namespace Partnership.Safeguarding.Tests;

public class SafeguardingFlowTests
{
    private static readonly Metadata Reader = new() { { "authorization", TestTokens.Bearer(TestTokens.For("Safeguarding partnership", [WestYorkshire], [Security.Roles.SafeguardingReader])) } };

    private static Task<CountyRollup> RollupAsync(ExchangeHost host, ReportAudience audience = ReportAudience.Unspecified, Metadata? headers = null) =>
        host.Reporting.GetCountyRollupAsync(
            new GetCountyRollupRequest { ForceAreaCode = WestYorkshire, Period = Q1.ToContract(), Audience = audience },
            headers ?? (audience == ReportAudience.Partner ? Reader : null)).ResponseAsync;

    private static MeasureRollup? Measure(CountyRollup rollup, string id) => rollup.Measures.SingleOrDefault(m => m.Measure.Id == id);

    private static async Task SubmitWestYorkshireAsync(ExchangeHost host)
    {
        await host.Safeguarding.SubmitReturnAsync(Return(Bradford, ("safeguarding.missing_adults", 120), ("safeguarding.missing_adults_repeat", 30), ("safeguarding.da_incidents", 1_900), ("safeguarding.da_crimes", 1_200), ("safeguarding.dvpo_granted", 12)));
        await host.Safeguarding.SubmitReturnAsync(Return(Calderdale, ("safeguarding.missing_adults", 40), ("safeguarding.missing_adults_repeat", 3), ("safeguarding.da_incidents", 700), ("safeguarding.da_crimes", 500), ("safeguarding.dvpo_granted", 2)));
        await host.Safeguarding.SubmitReturnAsync(Return(Kirklees, ("safeguarding.missing_adults", 90), ("safeguarding.missing_adults_repeat", 20), ("safeguarding.da_incidents", 1_500), ("safeguarding.da_crimes", 900), ("safeguarding.dvpo_granted", 9)));
        await host.Safeguarding.SubmitReturnAsync(Return(Leeds, ("safeguarding.missing_adults", 200), ("safeguarding.missing_adults_repeat", 55), ("safeguarding.da_incidents", 2_900), ("safeguarding.da_crimes", 2_000), ("safeguarding.dvpo_granted", 20)));
        await host.Safeguarding.SubmitReturnAsync(Return(Wakefield, ("safeguarding.missing_adults", 70), ("safeguarding.missing_adults_repeat", 14), ("safeguarding.da_incidents", 1_000), ("safeguarding.da_crimes", 600), ("safeguarding.dvpo_granted", 7)));
        await host.Safeguarding.SubmitReturnAsync(Return(WestYorkshire, ("safeguarding.missing_adults", 500), ("safeguarding.missing_adults_repeat", 115)));
    }

    [Fact]
    public async Task GetCountyRollup_Partner_MissingPeopleUseTheForceFigureAndRatesAreRatiosOfSums()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Safeguarding | ExchangeServices.Reporting);
        await SubmitWestYorkshireAsync(host);

        var rollup = await Eventually.WaitForAsync(() => RollupAsync(host, ReportAudience.Partner), r => Measure(r, "safeguarding.missing_adults")?.CountyValue is not null && Measure(r, "safeguarding.dvpo_granted")?.DistrictsIncluded.Count == 5, what: "every return in the rollup");

        Assert.Equal(ReportAudience.Partner, rollup.Audience);
        var missing = Measure(rollup, "safeguarding.missing_adults")!;
        Assert.Equal(500m, missing.CountyValue.ToDecimal());
        Assert.Equal(520m, missing.DistrictSum.ToDecimal());
        Assert.Equal(CountySource.SubmittedCountyFigure, missing.Source);
        Assert.Equal(115m / 500m, Measure(rollup, "safeguarding.missing_adults_repeat_rate")!.CountyValue.ToDecimal());
        var conversion = Measure(rollup, "safeguarding.da_conversion_rate")!;
        Assert.Equal(5_200m, conversion.CountyFraction.Numerator.ToDecimal());
        Assert.Equal(8_000m, conversion.CountyFraction.Denominator.ToDecimal());
        Assert.Equal(0.65m, conversion.CountyValue.ToDecimal());
        Assert.Equal(2m, Measure(rollup, "safeguarding.dvpo_granted")!.Districts.Single(d => d.AreaCode == Calderdale).Value.ToDecimal());
        Assert.DoesNotContain(rollup.Measures.SelectMany(m => m.Districts), d => d.Suppressed);
    }

    [Fact]
    public async Task GetCountyRollup_DefaultAudience_IsPublicWithSuppressionOfPeopleOnly()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Safeguarding | ExchangeServices.Reporting);
        await SubmitWestYorkshireAsync(host);
        await Eventually.WaitForAsync(() => RollupAsync(host, ReportAudience.Partner), r => Measure(r, "safeguarding.missing_adults")?.CountyValue is not null && Measure(r, "safeguarding.dvpo_granted")?.DistrictsIncluded.Count == 5, what: "every return in the rollup");

        var rollup = await RollupAsync(host);

        Assert.Equal(ReportAudience.Public, rollup.Audience);
        // DVPOs are orders, which identify nobody: Calderdale's 2 is published, and nothing is hidden beside it.
        var dvpo = Measure(rollup, "safeguarding.dvpo_granted")!;
        Assert.Equal(50m, dvpo.CountyValue.ToDecimal());
        Assert.Equal([12m, 2m, 9m, 20m, 7m], dvpo.Districts.Select(d => d.Value.ToDecimal()));
        Assert.DoesNotContain(dvpo.Districts, d => d.Suppressed);

        // Repeat missing adults are people: Calderdale's 3 and the next smallest (Wakefield, 14) against the district sum;
        // the repeat rate hides the same districts.
        var repeat = Measure(rollup, "safeguarding.missing_adults_repeat")!;
        Assert.Equal([Calderdale, Wakefield], repeat.Districts.Where(d => d.Suppressed).Select(d => d.AreaCode));
        Assert.Equal(115m, repeat.CountyValue.ToDecimal());
        var rate = Measure(rollup, "safeguarding.missing_adults_repeat_rate")!;
        Assert.Equal([Calderdale, Wakefield], rate.Districts.Where(d => d.Suppressed).Select(d => d.AreaCode));
        Assert.Null(rate.CountyFraction);
        Assert.Contains("*", rate.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCountyRollup_PartnerViewWithoutReaderRole_IsPermissionDenied()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Safeguarding | ExchangeServices.Reporting);

        var submitterOnly = new Metadata { { "authorization", TestTokens.Bearer(TestTokens.For("Bradford CSP", [Areas.Bradford], [Security.Roles.SafeguardingSubmitter])) } };

        var ex = await Assert.ThrowsAsync<RpcException>(() => RollupAsync(host, ReportAudience.Partner, headers: submitterOnly));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task SubmitReturn_Resubmission_IsNewRevisionPublishedToTheAggregator()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Safeguarding | ExchangeServices.Reporting);
        await host.Safeguarding.SubmitReturnAsync(Return(Leeds, ("safeguarding.marac_referrals", 150)));
        var second = await host.Safeguarding.SubmitReturnAsync(Return(Leeds, ("safeguarding.marac_referrals", 160), ("safeguarding.marac_repeat_referrals", 40)));

        Assert.Equal(2, second.Revision);
        var first = await host.Safeguarding.GetReturnAsync(new GetReturnRequest { AreaCode = Leeds, Period = Q1.ToContract(), Revision = 1 });
        Assert.Equal(150m, first.Observations.Single().Value.ToDecimal());
        Assert.Equal(Contracts.Common.V1.Confidentiality.Restricted, first.Observations.Single().Confidentiality);
        var rollup = await Eventually.WaitForAsync(() => RollupAsync(host, ReportAudience.Partner), r => Measure(r, "safeguarding.marac_referrals")?.Districts.SingleOrDefault()?.Revision == 2, what: "revision 2 in the rollup");
        Assert.Equal(160m, Measure(rollup, "safeguarding.marac_referrals")!.CountyValue.ToDecimal());
    }

    [Fact]
    public async Task ListMeasures_Safeguarding_ListsSubmittableMeasuresOnly()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Safeguarding | ExchangeServices.Reporting);

        var measures = await host.Safeguarding.ListMeasuresAsync(new ListMeasuresRequest());

        Assert.Contains(measures.Measures, m => m.Id == "safeguarding.missing_children" && m.Rule == Contracts.Common.V1.AggregationRule.CountyOnly);
        Assert.DoesNotContain(measures.Measures, m => m.Id == "safeguarding.da_conversion_rate");
        Assert.All(measures.Measures, m => Assert.Equal(Contracts.Common.V1.Confidentiality.Restricted, m.DefaultConfidentiality));
    }

    [Fact]
    public async Task SubmitReturn_CrimeMeasureToSafeguarding_IsInvalidArgument()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.Safeguarding | ExchangeServices.Reporting);

        var ex = await Assert.ThrowsAsync<RpcException>(() => host.Safeguarding.SubmitReturnAsync(Return(Leeds, ("crime.total_recorded", 10))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
    }
}
