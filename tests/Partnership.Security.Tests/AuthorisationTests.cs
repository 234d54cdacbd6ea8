using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Partnership.Contracts;
using Partnership.CrimeMeasures;
using Partnership.JusticeBoard;
using Partnership.Submissions.Storage;
using Partnership.Testing;
using Partnership.VictimServices;
using Audit = Partnership.Contracts.Audit.V1;
using Crime = Partnership.Contracts.Crime.V1;
using Proto = Partnership.Contracts.Common.V1;
using ReportingV1 = Partnership.Contracts.Reporting.V1;
using Victims = Partnership.Contracts.Victims.V1;

namespace Partnership.Security.Tests;

/// <summary>Submitters write only their own areas to their own service; readers see only what their roles allow; all of it audited.</summary>
public sealed class AuthorisationTests : IAsyncLifetime
{
    private ExchangeHost _exchange = null!;

    public async Task InitializeAsync() => _exchange = await SecureExchange.StartAsync();

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    [Fact]
    public async Task SubmitReturn_CspForAnotherDistrict_PermissionDeniedNothingStoredAndAudited()
    {
        var before = await _exchange.StoredStateAsync<CrimeMeasuresDbContext>();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _exchange.Crime.SubmitReturnAsync(Returns.CrimeReturn(Returns.Leeds), SecureExchange.As(Returns.BradfordCsp())).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        // The reason speaks of the caller's own token only: no area codes, no figures.
        Assert.DoesNotContain(Returns.Leeds, error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Returns.Bradford, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await _exchange.StoredStateAsync<CrimeMeasuresDbContext>());
        var audit = Assert.Single(await _exchange.AuditRowsAsync<CrimeMeasuresDbContext>());
        Assert.Equal(AuditOutcome.Denied, audit.Outcome);
        Assert.Equal("Bradford CSP", audit.Agency);
        Assert.Equal(Returns.Leeds, audit.AreaCode);
        Assert.Null(audit.ReturnId);
    }

    [Fact]
    public async Task SubmitReturn_CspToVictimServices_PermissionDenied()
    {
        var before = await _exchange.StoredStateAsync<VictimServicesDbContext>();
        var request = new Victims.SubmitReturnRequest { AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract(), CommissionId = "anything" };
        request.Observations.Add(new Proto.ObservationInput { MeasureId = "victims.referrals", Value = 12m });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _exchange.Victims.SubmitReturnAsync(request, SecureExchange.As(Returns.BradfordCsp())).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(before, await _exchange.StoredStateAsync<VictimServicesDbContext>());
        Assert.Equal(AuditOutcome.Denied, Assert.Single(await _exchange.AuditRowsAsync<VictimServicesDbContext>()).Outcome);
    }

    [Fact]
    public async Task SubmitCourtBacklog_CspToJusticeService_PermissionDeniedNothingStoredAndAudited()
    {
        var before = await _exchange.StoredStateAsync<JusticeBoardDbContext>();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _exchange.Justice.SubmitCourtBacklogAsync(Returns.CourtBacklog(), SecureExchange.As(Returns.BradfordCsp())).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(before, await _exchange.StoredStateAsync<JusticeBoardDbContext>());
        Assert.Equal(AuditOutcome.Denied, Assert.Single(await _exchange.AuditRowsAsync<JusticeBoardDbContext>()).Outcome);
    }

    [Fact]
    public async Task SubmitSafeguardingReturn_CspSubmitter_PermissionDeniedAndSafeguardingSubmitterAccepted()
    {
        var denied = await Assert.ThrowsAsync<RpcException>(() =>
            _exchange.Safeguarding.SubmitReturnAsync(Returns.SafeguardingReturn(), SecureExchange.As(Returns.BradfordCsp())).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal("outbox=0", await _exchange.StoredStateAsync<Safeguarding.SafeguardingDbContext>());

        var accepted = await _exchange.Safeguarding.SubmitReturnAsync(
            Returns.SafeguardingReturn(), SecureExchange.As(TestTokensFor.Role("Bradford safeguarding partnership", Roles.SafeguardingSubmitter, Returns.Bradford)));

        Assert.Equal(1, accepted.Revision);
        Assert.Equal(
            [AuditOutcome.Denied, AuditOutcome.Accepted],
            (await _exchange.AuditRowsAsync<Safeguarding.SafeguardingDbContext>()).Select(e => e.Outcome));
    }

    [Fact]
    public async Task GetSafeguardingReturn_WithoutSafeguardingReader_FiguresLeftOut()
    {
        await _exchange.Safeguarding.SubmitReturnAsync(
            Returns.SafeguardingReturn(), SecureExchange.As(TestTokensFor.Role("Bradford safeguarding partnership", Roles.SafeguardingSubmitter, Returns.Bradford)));
        var get = new Contracts.Safeguarding.V1.GetReturnRequest { AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract() };

        var asPartner = await _exchange.Safeguarding.GetReturnAsync(get, SecureExchange.As(TestTokensFor.Role("OPCC analyst", Roles.PartnerReader, Returns.WestYorkshire)));
        var asReader = await _exchange.Safeguarding.GetReturnAsync(get, SecureExchange.As(TestTokensFor.Role("Safeguarding board", Roles.SafeguardingReader, Returns.WestYorkshire)));

        Assert.Empty(asPartner.Observations);
        Assert.Single(asReader.Observations);
    }

    [Fact]
    public async Task GetObservationHistory_WithoutSafeguardingReader_FiguresLeftOut()
    {
        await _exchange.Safeguarding.SubmitReturnAsync(
            Returns.SafeguardingReturn(), SecureExchange.As(TestTokensFor.Role("Bradford safeguarding partnership", Roles.SafeguardingSubmitter, Returns.Bradford)));
        var status = new Contracts.Status.V1.ReturnStatus.ReturnStatusClient(_exchange.Channel);
        var ask = new Contracts.Status.V1.GetObservationHistoryRequest { MeasureId = "safeguarding.marac_referrals", AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract() };

        var asPartner = await status.GetObservationHistoryAsync(ask, SecureExchange.As(TestTokensFor.Role("OPCC analyst", Roles.PartnerReader, Returns.WestYorkshire)));
        var asReader = await status.GetObservationHistoryAsync(ask, SecureExchange.As(TestTokensFor.Role("Safeguarding board", Roles.SafeguardingReader, Returns.WestYorkshire)));

        // The revision is listed (who and when are not secret); its figure only for the role that reads it.
        Assert.Null(Assert.Single(asPartner.Revisions).Observation);
        Assert.Equal(42m, Assert.Single(asReader.Revisions).Observation.Value.ToDecimal());
    }

    [Fact]
    public async Task SubmitCourtBacklog_Lcjb_Accepted()
    {
        var lcjb = TestTokensFor.Role("West Yorkshire LCJB", Roles.LcjbSubmitter, Returns.WestYorkshire);

        var accepted = await _exchange.Justice.SubmitCourtBacklogAsync(Returns.CourtBacklog(), SecureExchange.As(lcjb));

        Assert.NotEqual("outbox=0", await _exchange.StoredStateAsync<JusticeBoardDbContext>());
        Assert.Equal(AuditOutcome.Accepted, Assert.Single(await _exchange.AuditRowsAsync<JusticeBoardDbContext>()).Outcome);
    }

    [Theory]
    [InlineData(Roles.LcjbSubmitter)]
    [InlineData(Roles.VictimsSubmitter)]
    [InlineData(Roles.SafeguardingSubmitter)]
    [InlineData(Roles.PartnerReader)]
    [InlineData(Roles.Public)]
    public async Task SubmitCrimeReturn_WithoutCspRole_PermissionDenied(string role)
    {
        var token = TestTokensFor.Role("Some agency", role, Returns.Bradford);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _exchange.Crime.SubmitReturnAsync(Returns.CrimeReturn(), SecureExchange.As(token)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("outbox=0", await _exchange.StoredStateAsync<CrimeMeasuresDbContext>());
    }

    [Fact]
    public async Task SubmitReturn_OwnDistrict_StoredAsTheTokensAgencyAndAuditedWithTheReturn()
    {
        var accepted = await _exchange.Crime.SubmitReturnAsync(
            Returns.CrimeReturn(submittedBy: "Leeds CSP (pretending)"), SecureExchange.As(Returns.BradfordCsp()));

        var stored = await _exchange.Crime.GetReturnAsync(
            new Crime.GetReturnRequest { AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract() }, SecureExchange.As(Returns.BradfordCsp()));
        Assert.Equal("Bradford CSP", stored.SubmittedBy);
        var audit = Assert.Single(await _exchange.AuditRowsAsync<CrimeMeasuresDbContext>());
        Assert.Equal(AuditOutcome.Accepted, audit.Outcome);
        Assert.Equal(accepted.ReturnId, audit.ReturnId.ToString());
        Assert.Equal(1, audit.Revision);
        Assert.Equal("Bradford CSP", audit.Subject);
    }

    [Fact]
    public async Task SubmitReturn_Rejected_AuditedAsRejectedNothingStored()
    {
        var request = Returns.CrimeReturn();
        request.Observations.Add(new Proto.ObservationInput { MeasureId = "crime.made_up", Value = 1m });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _exchange.Crime.SubmitReturnAsync(request, SecureExchange.As(Returns.BradfordCsp())).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("outbox=0", await _exchange.StoredStateAsync<CrimeMeasuresDbContext>());
        Assert.Equal(AuditOutcome.Rejected, Assert.Single(await _exchange.AuditRowsAsync<CrimeMeasuresDbContext>()).Outcome);
    }

    /// <summary>Bradford CSP's crime return with a restricted figure in it; the request that reads it back.</summary>
    private async Task<Crime.GetReturnRequest> SubmitBradfordWithRestrictedFigureAsync()
    {
        var request = Returns.CrimeReturn();
        request.Observations.Add(new Proto.ObservationInput { MeasureId = SecureExchange.RestrictedMeasure, Value = 3m });
        await _exchange.Crime.SubmitReturnAsync(request, SecureExchange.As(Returns.BradfordCsp()));
        return new Crime.GetReturnRequest { AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract() };
    }

    [Fact]
    public async Task GetReturn_RestrictedFigure_OnlyPartnerReaderAndTheSubmitterSeeIt()
    {
        var get = await SubmitBradfordWithRestrictedFigureAsync();

        var asPublic = await _exchange.Crime.GetReturnAsync(get, SecureExchange.As(TestTokensFor.Role("Anyone", Roles.Public)));
        var asOtherCsp = await _exchange.Crime.GetReturnAsync(get, SecureExchange.As(TestTokensFor.Csp("Leeds CSP", Returns.Leeds)));
        var asPartner = await _exchange.Crime.GetReturnAsync(get, SecureExchange.As(TestTokensFor.Role("OPCC analyst", Roles.PartnerReader, Returns.WestYorkshire)));
        var asSubmitter = await _exchange.Crime.GetReturnAsync(get, SecureExchange.As(Returns.BradfordCsp()));

        Assert.DoesNotContain(asPublic.Observations, o => o.MeasureId == SecureExchange.RestrictedMeasure);
        Assert.DoesNotContain(asOtherCsp.Observations, o => o.MeasureId == SecureExchange.RestrictedMeasure);
        Assert.Contains(asPublic.Observations, o => o.MeasureId == "crime.total_recorded");
        Assert.Contains(asPartner.Observations, o => o.MeasureId == SecureExchange.RestrictedMeasure);
        Assert.Contains(asSubmitter.Observations, o => o.MeasureId == SecureExchange.RestrictedMeasure);
    }

    [Fact]
    public async Task GetReturn_AnotherAgencyWithTheSubmitterRoleForTheArea_ReadsItAsAnyReaderWould()
    {
        var get = await SubmitBradfordWithRestrictedFigureAsync();

        // The same role and area, another agency: only the agency that submitted the return reads it whole.
        var asOtherAgency = await _exchange.Crime.GetReturnAsync(get, SecureExchange.As(TestTokensFor.Csp("Bradford Council analyst", Returns.Bradford)));
        var asSubmitter = await _exchange.Crime.GetReturnAsync(get, SecureExchange.As(Returns.BradfordCsp()));

        Assert.DoesNotContain(asOtherAgency.Observations, o => o.MeasureId == SecureExchange.RestrictedMeasure);
        Assert.Contains(asOtherAgency.Observations, o => o.MeasureId == "crime.total_recorded");
        Assert.Contains(asSubmitter.Observations, o => o.MeasureId == SecureExchange.RestrictedMeasure);
    }

    [Fact]
    public async Task GetCountyRollup_RestrictedMeasure_TrueFigureOnlyInThePartnerViewWithTheRole()
    {
        var request = Returns.CrimeReturn();
        request.Observations.Add(new Proto.ObservationInput { MeasureId = SecureExchange.RestrictedMeasure, Value = 3m });
        await _exchange.Crime.SubmitReturnAsync(request, SecureExchange.As(Returns.BradfordCsp()));
        ReportingV1.GetCountyRollupRequest Ask(ReportingV1.ReportAudience audience) =>
            new() { ForceAreaCode = Returns.WestYorkshire, Period = Returns.Quarter.ToContract(), Audience = audience };
        var partnerReader = SecureExchange.As(TestTokensFor.Role("OPCC analyst", Roles.PartnerReader, Returns.WestYorkshire));
        var partner = await Testing.Eventually.WaitForAsync(
            () => _exchange.Reporting.GetCountyRollupAsync(Ask(ReportingV1.ReportAudience.Partner), partnerReader).ResponseAsync,
            r => r.Measures.Any(m => m.Measure.Id == SecureExchange.RestrictedMeasure),
            what: "the restricted figure in the partner view");

        var published = await _exchange.Reporting.GetCountyRollupAsync(Ask(ReportingV1.ReportAudience.Public), SecureExchange.As(TestTokensFor.Role("Anyone", Roles.Public)));
        var safeguardingOnly = await _exchange.Reporting.GetCountyRollupAsync(Ask(ReportingV1.ReportAudience.Partner), SecureExchange.As(TestTokensFor.Role("Safeguarding board", Roles.SafeguardingReader, Returns.WestYorkshire)));
        var cspAsksPartnerView = await Assert.ThrowsAsync<RpcException>(() =>
            _exchange.Reporting.GetCountyRollupAsync(Ask(ReportingV1.ReportAudience.Partner), SecureExchange.As(Returns.BradfordCsp())).ResponseAsync);

        Assert.Equal(3m, partner.Measures.Single(m => m.Measure.Id == SecureExchange.RestrictedMeasure).Districts.Single(d => d.AreaCode == Returns.Bradford).Value.ToDecimal());
        // The public view is disclosure-controlled: a count of 3 is shown as *, never as 3.
        var hidden = published.Measures.Single(m => m.Measure.Id == SecureExchange.RestrictedMeasure);
        Assert.True(hidden.Districts.Single(d => d.AreaCode == Returns.Bradford).Suppressed);
        Assert.Null(hidden.Districts.Single(d => d.AreaCode == Returns.Bradford).Value);
        // A partner view for a role that does not cover the measure leaves it out.
        Assert.DoesNotContain(safeguardingOnly.Measures, m => m.Measure.Id == SecureExchange.RestrictedMeasure);
        Assert.Equal(StatusCode.PermissionDenied, cspAsksPartnerView.StatusCode);
    }

    [Fact]
    public async Task ListAuditEntries_AuditReader_SeesEveryAttemptForTheAreaAndPeriod()
    {
        await _exchange.Crime.SubmitReturnAsync(Returns.CrimeReturn(), SecureExchange.As(Returns.BradfordCsp()));
        await _exchange.Crime.SubmitReturnAsync(Returns.CrimeReturn(total: 4400m), SecureExchange.As(Returns.BradfordCsp()));
        await Assert.ThrowsAsync<RpcException>(() =>
            _exchange.Crime.SubmitReturnAsync(Returns.CrimeReturn(), SecureExchange.As(TestTokensFor.Csp("Leeds CSP", Returns.Leeds))).ResponseAsync);
        var year = Domain.Period.FinancialYear(2025);

        var trail = await _exchange.Audit.ListAuditEntriesAsync(
            new Audit.ListAuditEntriesRequest { AreaCode = Returns.Bradford, Period = year.ToContract() },
            SecureExchange.As(TestTokensFor.Role("OPCC auditor", Roles.AuditReader)));

        Assert.Equal(
            [Audit.AuditOutcome.Accepted, Audit.AuditOutcome.Accepted, Audit.AuditOutcome.Denied],
            trail.Entries.Select(e => e.Outcome));
        Assert.Equal([1, 2, 0], trail.Entries.Select(e => e.Revision));
        Assert.Equal(["Bradford CSP", "Bradford CSP", "Leeds CSP"], trail.Entries.Select(e => e.Agency));
        Assert.All(trail.Entries, e => Assert.Equal("crime-measures", e.Service));
    }

    [Fact]
    public async Task ListAuditEntries_WithoutAuditRole_PermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _exchange.Audit.ListAuditEntriesAsync(
            new Audit.ListAuditEntriesRequest { AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract() },
            SecureExchange.As(Returns.BradfordCsp())).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task AuditTrail_ChangingAnEntry_Refused()
    {
        await _exchange.Crime.SubmitReturnAsync(Returns.CrimeReturn(), SecureExchange.As(Returns.BradfordCsp()));

        await _exchange.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CrimeMeasuresDbContext>();
            var entry = db.Audit.Single();
            entry.Agency = "Someone else";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            db.Audit.Remove(entry);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
    }
}
