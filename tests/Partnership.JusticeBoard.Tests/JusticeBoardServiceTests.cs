using Google.Rpc;
using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Justice.V1;
using Partnership.Contracts.Reporting.V1;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.JusticeBoard.Tests;

/// <summary>The justice service and the aggregator in memory, through gRPC.</summary>
public class JusticeBoardServiceTests
{
    private static readonly Metadata Lcjb = new() { { "authorization", TestTokens.Bearer(TestTokens.For("West Yorkshire LCJB", [Areas.WestYorkshire], [Security.Roles.LcjbSubmitter])) } };
    private static readonly Contracts.Common.V1.Period H1 = DomainPeriod.Parse("FY2024/25-H1").ToContract();

    private static CourtBacklogFigures Court(string code, long under13, long to26, long to52, long over52, long disposals, long? total = null) => new()
    {
        CourtCode = code,
        Outstanding = new AgeBands { Under13Weeks = under13, Weeks13To26 = to26, Weeks26To52 = to52, Over52Weeks = over52 },
        OutstandingTotal = total ?? (under13 + to26 + to52 + over52),
        FlowPeriod = H1,
        Receipts = disposals + 50,
        Disposals = disposals,
    };

    private static SubmitCourtBacklogRequest Backlog(params CourtBacklogFigures[] courts)
    {
        var request = new SubmitCourtBacklogRequest { SnapshotDate = "2024-09-30", SubmittedBy = "West Yorkshire LCJB" };
        request.Courts.AddRange(courts);
        return request;
    }

    private static async Task<BadRequest> RejectedAsync(Func<Task> call)
    {
        var rejected = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.InvalidArgument, rejected.StatusCode);
        return rejected.GetRpcStatus()!.GetDetail<BadRequest>()!;
    }

    private static MeasureRollup? Measure(CountyRollup rollup, string id) => rollup.Measures.SingleOrDefault(m => m.Measure.Id == id);

    [Fact]
    public async Task SubmitCourtBacklog_WithoutLcjbRole_IsPermissionDenied()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);

        var csp = new Metadata { { "authorization", TestTokens.Bearer(TestTokens.Csp("Leeds CSP", Areas.Leeds)) } };

        var denied = await Assert.ThrowsAsync<RpcException>(async () => await host.Justice.SubmitCourtBacklogAsync(Backlog(Court("WY-CC-LEEDS", 10, 10, 10, 10, 100)), csp));

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task SubmitCourtBacklog_UnknownCourtAndReversedWindow_ListsBoth()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);
        var reversed = Court("WY-CC-LEEDS", 10, 10, 10, 10, 100);
        reversed.FlowPeriod = new Contracts.Common.V1.Period { StartDate = "2024-09-01", EndDate = "2024-04-30" };

        var badRequest = await RejectedAsync(async () => await host.Justice.SubmitCourtBacklogAsync(Backlog(Court("WY-CC-NOWHERE", 1, 1, 1, 1, 1), reversed), Lcjb));

        Assert.Equal(["courts[0].court_code", "courts[1].flow_period"], badRequest.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task SubmitCourtBacklog_SameCourtTwice_IsRejectedWhole()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);

        var badRequest = await RejectedAsync(async () => await host.Justice.SubmitCourtBacklogAsync(
            Backlog(Court("WY-CC-BRADFORD", 10, 10, 10, 10, 100), Court("WY-CC-LEEDS", 1, 1, 1, 1, 1), Court("WY-CC-LEEDS", 2, 2, 2, 2, 2)), Lcjb));

        var violation = Assert.Single(badRequest.FieldViolations);
        Assert.Equal("courts[2].court_code", violation.Field);
        Assert.Contains("appears twice", violation.Description, StringComparison.Ordinal);
        // Nothing of the file was stored, not even the good courts.
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await host.Justice.GetCourtBacklogAsync(new GetCourtBacklogRequest { CourtCode = "WY-CC-BRADFORD", SnapshotDate = "2024-09-30" }));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task SubmitCourtBacklog_BandsNotAddingUp_NamesTotal()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);

        var badRequest = await RejectedAsync(async () => await host.Justice.SubmitCourtBacklogAsync(Backlog(Court("WY-CC-LEEDS", 10, 10, 10, 10, 100, total: 41)), Lcjb));

        Assert.Equal("courts[0].outstanding_total", Assert.Single(badRequest.FieldViolations).Field);
    }

    [Fact]
    public async Task SubmitCourtBacklog_ThenCountyReport_ShowsBacklogOver52WeeksAndForwardLoad()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);
        // H1 2024/25 is 183 days; the disposals are chosen so each court's weekly rate is exact enough to check by hand.
        await host.Justice.SubmitCourtBacklogAsync(Backlog(
            Court("WY-CC-LEEDS", 1200, 800, 600, 400, 1830),
            Court("WY-CC-BRADFORD", 700, 500, 300, 100, 915),
            Court("WY-MC-LEEDS", 3000, 900, 200, 40, 9150)), Lcjb);

        var q2 = await Eventually.WaitForAsync(
            () => host.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = WestYorkshire, Period = DomainPeriod.Parse("FY2024/25-Q2").ToContract() }).ResponseAsync,
            // Each court's return is its own event: wait for all three courts.
            r => Measure(r, "cjs.crown_outstanding")?.CountyValue?.ToDecimal() == 4600m && Measure(r, "cjs.magistrates_outstanding") is not null,
            what: "the court backlog in the county report");

        var outstanding = Measure(q2, "cjs.crown_outstanding")!;
        Assert.Equal(4600m, outstanding.CountyValue.ToDecimal());
        Assert.False(outstanding.Provisional);
        Assert.Empty(outstanding.DistrictsMissing);
        Assert.Equal("2024-09-30", outstanding.FigurePeriod.EndDate);
        Assert.Equal(500m, Measure(q2, "cjs.crown_outstanding_over_52w")!.CountyValue.ToDecimal());
        Assert.Equal(4140m, Measure(q2, "cjs.magistrates_outstanding")!.CountyValue.ToDecimal());
        Assert.Equal(2745m, Measure(q2, "cjs.crown_disposals")!.CountyValue.ToDecimal());

        // 4,600 cases at (1,830 + 915) disposals over 183 days = 105 a week: 43.8 weeks.
        var load = Measure(q2, "cjs.crown_forward_load")!;
        Assert.Equal(4600m, load.CountyFraction.Numerator.ToDecimal());
        Assert.Equal(105m, load.CountyFraction.Denominator.ToDecimal());
        Assert.Equal(Math.Round(4600m / 105m, 9), load.CountyValue.ToDecimal());

        // A quarter later, with no new return, the report carries the latest figures forward with their date.
        var q3 = await host.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = WestYorkshire, Period = DomainPeriod.Parse("FY2024/25-Q3").ToContract() });
        var carried = Measure(q3, "cjs.crown_outstanding")!;
        Assert.Equal(4600m, carried.CountyValue.ToDecimal());
        Assert.Equal("2024-09-30", carried.FigurePeriod.EndDate);
        Assert.Contains("Latest figure, as at 2024-09-30", carried.Explanation, StringComparison.Ordinal);
        Assert.Equal("FY2024/25-H1", Measure(q3, "cjs.crown_disposals")!.FigurePeriod.Label);
    }

    [Fact]
    public async Task GetCourtBacklog_AfterResubmission_ReadsEachRevisionPerCourt()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);
        await host.Justice.SubmitCourtBacklogAsync(Backlog(Court("WY-CC-LEEDS", 1200, 800, 600, 400, 1830)), Lcjb);
        await host.Justice.SubmitCourtBacklogAsync(Backlog(Court("WY-CC-LEEDS", 1200, 800, 600, 450, 0)), Lcjb);

        var latest = await host.Justice.GetCourtBacklogAsync(new GetCourtBacklogRequest { CourtCode = "WY-CC-LEEDS", SnapshotDate = "2024-09-30" });
        var first = await host.Justice.GetCourtBacklogAsync(new GetCourtBacklogRequest { CourtCode = "WY-CC-LEEDS", SnapshotDate = "2024-09-30", Revision = 1 });

        Assert.Equal(2, latest.Revision);
        Assert.Equal(450, latest.Outstanding.Over52Weeks);
        Assert.Null(latest.ForwardLoad.Weeks);
        Assert.Contains("No cases were disposed of", latest.ForwardLoad.Explanation, StringComparison.Ordinal);
        Assert.Equal(1, first.Revision);
        Assert.Equal(3000m / 70m, first.ForwardLoad.Weeks.ToDecimal(), 6);
        Assert.Equal("Leeds Crown Court", first.Court.Name);
    }

    [Fact]
    public async Task SubmitCaseProgression_CountyDaysToResolution_IsWeightedAverage()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);
        var request = new SubmitCaseProgressionRequest { ForceAreaCode = WestYorkshire, Period = H1 };
        request.CourtTypes.Add(new CaseProgressionFigures { CourtType = CourtType.Crown, FirstHearings = 200, EarlyGuiltyPleas = 80, CompletedCases = 10, TotalDaysChargeToCompletion = 3000 });
        request.CourtTypes.Add(new CaseProgressionFigures { CourtType = CourtType.Magistrates, FirstHearings = 900, EarlyGuiltyPleas = 600, CompletedCases = 90, TotalDaysChargeToCompletion = 2700 });
        await host.Justice.SubmitCaseProgressionAsync(request, Lcjb);

        var rollup = await Eventually.WaitForAsync(
            () => host.Reporting.GetCountyRollupAsync(new GetCountyRollupRequest { ForceAreaCode = WestYorkshire, Period = H1 }).ResponseAsync,
            r => Measure(r, "cjs.days_to_resolution") is not null,
            what: "days to resolution in the county report");

        Assert.Equal(57m, Measure(rollup, "cjs.days_to_resolution")!.CountyValue.ToDecimal());
        Assert.Equal(0.4m, Measure(rollup, "cjs.early_guilty_plea_rate_crown")!.CountyValue.ToDecimal());
    }

    [Fact]
    public async Task GetReturn_ForceReturns_ReadsEachBackByItsSourceAndRevision()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);
        static SubmitTrialEffectivenessRequest Trials(long ineffective)
        {
            var request = new SubmitTrialEffectivenessRequest { ForceAreaCode = WestYorkshire, Period = H1, SubmittedBy = "West Yorkshire LCJB" };
            request.CourtTypes.Add(new TrialOutcomes { CourtType = CourtType.Crown, Listed = 100, Effective = 70 - ineffective, Cracked = 20, Ineffective = ineffective, Vacated = 10 });
            return request;
        }

        var entrants = new SubmitReoffendingRequest { ForceAreaCode = WestYorkshire, EntrantsPeriod = H1 };
        entrants.FirstTimeEntrants.Add(new FirstTimeEntrants { AgeGroup = AgeGroup.Youth, Count = 120 });
        await host.Justice.SubmitTrialEffectivenessAsync(Trials(ineffective: 18), Lcjb);
        await host.Justice.SubmitTrialEffectivenessAsync(Trials(ineffective: 27), Lcjb);
        await host.Justice.SubmitReoffendingAsync(entrants, Lcjb);

        var latest = await host.Justice.GetReturnAsync(new GetReturnRequest { AreaCode = WestYorkshire, Period = H1, Source = "trials" }, Lcjb);
        var first = await host.Justice.GetReturnAsync(new GetReturnRequest { AreaCode = WestYorkshire, Period = H1, Source = "trials", Revision = 1 }, Lcjb);
        var fte = await host.Justice.GetReturnAsync(new GetReturnRequest { AreaCode = WestYorkshire, Period = H1, Source = "first-time-entrants" }, Lcjb);

        Assert.Equal((2, 2, "trials"), (latest.Revision, latest.LatestRevision, latest.Source));
        Assert.Equal("West Yorkshire LCJB", latest.SubmittedBy);
        Assert.Equal(27m, latest.Observations.Single(o => o.MeasureId == "cjs.trials_ineffective_crown").Value.ToDecimal());
        // The rate travels as its numerator and denominator: ineffective over trials that reached their day.
        var rate = latest.Observations.Single(o => o.MeasureId == "cjs.ineffective_trial_rate_crown").Fraction;
        Assert.Equal((27m, 90m), (rate.Numerator.ToDecimal(), rate.Denominator.ToDecimal()));
        Assert.Equal(1, first.Revision);
        Assert.Equal(18m, first.Observations.Single(o => o.MeasureId == "cjs.trials_ineffective_crown").Value.ToDecimal());
        Assert.Equal(120m, Assert.Single(fte.Observations).Value.ToDecimal());

        var missing = await Assert.ThrowsAsync<RpcException>(async () => await host.Justice.GetReturnAsync(new GetReturnRequest { AreaCode = WestYorkshire, Period = H1, Source = "case-progression" }, Lcjb));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        var noSource = await RejectedAsync(async () => await host.Justice.GetReturnAsync(new GetReturnRequest { AreaCode = WestYorkshire, Period = H1 }, Lcjb));
        Assert.Equal("source", Assert.Single(noSource.FieldViolations).Field);
    }

    [Fact]
    public async Task ListCourtsAndFramework_AreData()
    {
        await using var host = await ExchangeHost.StartAsync(ExchangeServices.JusticeBoard | ExchangeServices.Reporting);

        var courts = await host.Justice.ListCourtsAsync(new ListCourtsRequest { ForceAreaCode = WestYorkshire });
        var framework = await host.Justice.GetVictimsCodeFrameworkAsync(new GetVictimsCodeFrameworkRequest());

        Assert.Equal(7, courts.Courts.Count);
        Assert.Equal(2, courts.Courts.Count(c => c.Type == CourtType.Crown));
        Assert.Contains(courts.Courts, c => c.Code == "WY-MC-KIRKLEES" && c.Town == "Huddersfield");
        Assert.Equal(12, framework.Rights.Count);
    }
}
