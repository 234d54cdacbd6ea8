using Grpc.Core;
using Partnership.Contracts;
using Partnership.Testing;
using Audit = Partnership.Contracts.Audit.V1;
using Crime = Partnership.Contracts.Crime.V1;
using Proto = Partnership.Contracts.Common.V1;
using ReportingV1 = Partnership.Contracts.Reporting.V1;
using StatusV1 = Partnership.Contracts.Status.V1;

namespace Partnership.Security.Tests;

/// <summary>
/// Readers hold areas as submitters do: a force's reader reads restricted figures of the force and its
/// districts, a national reader every force's, and each read of them is in the aggregator's read audit.
/// </summary>
public sealed class ReaderAreaTests : IAsyncLifetime
{
    private const string RestrictedValue = "3";

    private ExchangeHost _exchange = null!;

    public async Task InitializeAsync()
    {
        _exchange = await SecureExchange.StartAsync();
        var request = Returns.CrimeReturn();
        request.Observations.Add(new Proto.ObservationInput { MeasureId = SecureExchange.RestrictedMeasure, Value = 3m });
        await _exchange.Crime.SubmitReturnAsync(request, SecureExchange.As(Returns.BradfordCsp()));
    }

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    private static CallOptions WestMerciaReader() => SecureExchange.As(TestTokensFor.Role("West Mercia OPCC", Roles.PartnerReader, Areas.WestMercia));

    private static CallOptions WestYorkshireReader() => SecureExchange.As(TestTokensFor.Role("West Yorkshire OPCC", Roles.PartnerReader, Areas.WestYorkshire));

    private static CallOptions NationalReader() =>
        SecureExchange.As(TestTokens.For("Inspectorate", [], [Roles.PartnerReader, Roles.NationalReader]));

    private static Crime.GetReturnRequest BradfordReturn() => new() { AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract() };

    private static ReportingV1.GetCountyRollupRequest PartnerRollup(string force) =>
        new() { ForceAreaCode = force, Period = Returns.Quarter.ToContract(), Audience = ReportingV1.ReportAudience.Partner };

    private async Task<ReportingV1.CountyRollup> RollupWithTheRestrictedFigureAsync(CallOptions reader) =>
        await Eventually.WaitForAsync(
            () => _exchange.Reporting.GetCountyRollupAsync(PartnerRollup(Areas.WestYorkshire), reader).ResponseAsync,
            r => r.Measures.Any(m => m.Measure.Id == SecureExchange.RestrictedMeasure),
            what: "the restricted figure in the partner view");

    private static string? RestrictedFigure(Crime.DistrictReturn response) =>
        response.Observations.SingleOrDefault(o => o.MeasureId == SecureExchange.RestrictedMeasure)?.Value.ToDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task GetReturn_RestrictedFigure_ReadByReadersOfItsForceOrDistrictAndNationallyOnly()
    {
        var westMercia = await _exchange.Crime.GetReturnAsync(BradfordReturn(), WestMerciaReader());
        var leeds = await _exchange.Crime.GetReturnAsync(BradfordReturn(), SecureExchange.As(TestTokensFor.Role("Leeds analyst", Roles.PartnerReader, Areas.Leeds)));
        var westYorkshire = await _exchange.Crime.GetReturnAsync(BradfordReturn(), WestYorkshireReader());
        var bradford = await _exchange.Crime.GetReturnAsync(BradfordReturn(), SecureExchange.As(TestTokensFor.Role("Bradford analyst", Roles.PartnerReader, Areas.Bradford)));
        var national = await _exchange.Crime.GetReturnAsync(BradfordReturn(), NationalReader());
        var nationalAlone = await _exchange.Crime.GetReturnAsync(BradfordReturn(), SecureExchange.As(TestTokensFor.Role("Inspectorate", Roles.NationalReader)));

        Assert.Null(RestrictedFigure(westMercia));
        Assert.Null(RestrictedFigure(leeds));
        Assert.Equal(RestrictedValue, RestrictedFigure(westYorkshire));
        Assert.Equal(RestrictedValue, RestrictedFigure(bradford));
        Assert.Equal(RestrictedValue, RestrictedFigure(national));
        // The national role widens the reader roles a token holds; it reads no restricted figure by itself.
        Assert.Null(RestrictedFigure(nationalAlone));
        // Free figures stay anyone's.
        Assert.Contains(westMercia.Observations, o => o.MeasureId == "crime.total_recorded");
    }

    [Fact]
    public async Task GetCountyRollup_PartnerViewOfAnotherForce_PermissionDeniedNamingTheArea()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _exchange.Reporting.GetCountyRollupAsync(PartnerRollup(Areas.WestYorkshire), WestMerciaReader()).ResponseAsync);
        var report = await Assert.ThrowsAsync<RpcException>(() => new ReportingV1.DeliveryReports.DeliveryReportsClient(_exchange.Channel).GetDeliveryReportAsync(
            new ReportingV1.GetDeliveryReportRequest { ForceAreaCode = Areas.WestYorkshire, Period = Returns.Quarter.ToContract(), Audience = ReportingV1.ReportAudience.Partner },
            WestMerciaReader()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains($"'{Areas.WestYorkshire}' is not one of them", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, report.StatusCode);
        Assert.Contains($"'{Areas.WestYorkshire}' is not one of them", report.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCountyRollup_PartnerViewByTheForcesReaderAndNationally_ShowsTheRestrictedFigure()
    {
        var westYorkshire = await RollupWithTheRestrictedFigureAsync(WestYorkshireReader());
        var national = await RollupWithTheRestrictedFigureAsync(NationalReader());

        Assert.Equal(3m, westYorkshire.Measures.Single(m => m.Measure.Id == SecureExchange.RestrictedMeasure).Districts.Single(d => d.AreaCode == Returns.Bradford).Value.ToDecimal());
        Assert.Equal(3m, national.Measures.Single(m => m.Measure.Id == SecureExchange.RestrictedMeasure).Districts.Single(d => d.AreaCode == Returns.Bradford).Value.ToDecimal());
    }

    [Fact]
    public async Task ListReadAudit_AfterPartnerViews_RecordsWhoAreaPeriodAndCallOfEachReadOnly()
    {
        await RollupWithTheRestrictedFigureAsync(WestYorkshireReader());
        await new ReportingV1.DeliveryReports.DeliveryReportsClient(_exchange.Channel).GetDeliveryReportAsync(
            new ReportingV1.GetDeliveryReportRequest { ForceAreaCode = Areas.WestYorkshire, Period = Returns.Quarter.ToContract(), Audience = ReportingV1.ReportAudience.Partner },
            WestYorkshireReader());
        await _exchange.Reporting.GetCountyRollupAsync(
            new ReportingV1.GetCountyRollupRequest { ForceAreaCode = Areas.WestYorkshire, Period = Returns.Quarter.ToContract(), Audience = ReportingV1.ReportAudience.Public },
            SecureExchange.As(TestTokensFor.Role("Anyone", Roles.Public)));
        await Assert.ThrowsAsync<RpcException>(() =>
            _exchange.Reporting.GetCountyRollupAsync(PartnerRollup(Areas.WestYorkshire), WestMerciaReader()).ResponseAsync);
        var operations = new ReportingV1.ReportingOperations.ReportingOperationsClient(_exchange.Channel);
        var ask = new Audit.ListAuditEntriesRequest { AreaCode = Areas.WestYorkshire, Period = Domain.Period.FinancialYear(2025).ToContract() };

        var trail = await operations.ListReadAuditAsync(ask, SecureExchange.As(TestTokensFor.Role("OPCC auditor", Roles.AuditReader)));
        var refused = await Assert.ThrowsAsync<RpcException>(() => operations.ListReadAuditAsync(ask, WestYorkshireReader()).ResponseAsync);

        // The rollup may have been asked for more than once while the figure arrived: each ask is a read.
        var reads = trail.Entries.Select(e => (e.Outcome, e.Agency, e.Subject, e.AreaCode, e.PeriodLabel, e.Detail)).Distinct().ToList();
        Assert.Equal(
            [
                (Audit.AuditOutcome.Read, "West Yorkshire OPCC", "West Yorkshire OPCC", Areas.WestYorkshire, Returns.Quarter.Label, "/partnership.reporting.v1.Reporting/GetCountyRollup"),
                (Audit.AuditOutcome.Read, "West Yorkshire OPCC", "West Yorkshire OPCC", Areas.WestYorkshire, Returns.Quarter.Label, "/partnership.reporting.v1.DeliveryReports/GetDeliveryReport"),
            ],
            reads);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task GetReturn_ReadsOfRestrictedFigures_AreInTheServicesAuditTrailAndReadsOfFreeOnesAreNot()
    {
        await _exchange.Crime.GetReturnAsync(BradfordReturn(), WestMerciaReader());
        await _exchange.Crime.GetReturnAsync(BradfordReturn(), WestYorkshireReader());
        var history = new StatusV1.GetObservationHistoryRequest { MeasureId = SecureExchange.RestrictedMeasure, AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract() };
        await new StatusV1.ReturnStatus.ReturnStatusClient(_exchange.Channel).GetObservationHistoryAsync(history, WestYorkshireReader());

        var trail = await new Audit.AuditTrail.AuditTrailClient(_exchange.Channel).ListAuditEntriesAsync(
            new Audit.ListAuditEntriesRequest { AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract() },
            SecureExchange.As(TestTokensFor.Role("OPCC auditor", Roles.AuditReader)));

        // West Mercia's reader saw free figures only: not recorded.
        Assert.Equal(
            [
                ("West Yorkshire OPCC", Returns.Bradford, Returns.Quarter.Label, "GetReturn"),
                ("West Yorkshire OPCC", Returns.Bradford, Returns.Quarter.Label, "GetObservationHistory"),
            ],
            trail.Entries.Where(e => e.Outcome == Audit.AuditOutcome.Read).Select(e => (e.Agency, e.AreaCode, e.PeriodLabel, e.Detail)).ToList());
    }
}
