using Partnership.Contracts;
using Partnership.Testing;
using Audit = Partnership.Contracts.Audit.V1;
using Crime = Partnership.Contracts.Crime.V1;
using Proto = Partnership.Contracts.Common.V1;
using ReportingV1 = Partnership.Contracts.Reporting.V1;

namespace Partnership.Security.Tests;

/// <summary>
/// West Yorkshire's old county code, <c>E11000006</c>, in a token and in requests: accepted as the force
/// area <c>E23000010</c>, stored and answered under that code.
/// </summary>
public sealed class RetiredAreaCodeTests : IAsyncLifetime
{
    private const string FeelingSafe = "survey.feeling_safe";

    private ExchangeHost _exchange = null!;

    public async Task InitializeAsync() => _exchange = await SecureExchange.StartAsync();

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    [Fact]
    public async Task SubmitReturn_CountyCodeInTokenAndReturn_IsStoredAndReadUnderTheForceAreaCode()
    {
        var police = SecureExchange.As(TestTokensFor.Role("West Yorkshire Police", Roles.CspSubmitter, Areas.WestYorkshireCounty));
        var request = new Crime.SubmitReturnRequest { AreaCode = Areas.WestYorkshireCounty, Period = Returns.Quarter.ToContract() };
        request.Observations.Add(new Proto.ObservationInput { MeasureId = FeelingSafe, Value = 81.5m });

        await _exchange.Crime.SubmitReturnAsync(request, police);

        foreach (var code in new[] { Areas.WestYorkshireCounty, Areas.WestYorkshire })
        {
            var stored = await _exchange.Crime.GetReturnAsync(new Crime.GetReturnRequest { AreaCode = code, Period = Returns.Quarter.ToContract() }, police);
            Assert.Equal((Areas.WestYorkshire, 1, Areas.WestYorkshire, 81.5m), (stored.AreaCode, stored.Revision, stored.Observations.Single().AreaCode, stored.Observations.Single().Value.ToDecimal()));
        }

        var auditor = SecureExchange.As(TestTokensFor.Role("Inspectorate", Roles.AuditReader, Areas.WestYorkshireCounty));
        var trail = await _exchange.Audit.ListAuditEntriesAsync(new Audit.ListAuditEntriesRequest { AreaCode = Areas.WestYorkshireCounty, Period = Returns.Quarter.ToContract() }, auditor);
        Assert.Equal([(Areas.WestYorkshire, "West Yorkshire Police", 1)], trail.Entries.Select(e => (e.AreaCode, e.Agency, e.Revision)));

        // A reader whose token still names the county code has the force's partner view.
        var reader = SecureExchange.As(TestTokensFor.Role("West Yorkshire OPCC", Roles.PartnerReader, Areas.WestYorkshireCounty));
        var rollup = await Eventually.WaitForAsync(
            () => _exchange.Reporting.GetCountyRollupAsync(
                new ReportingV1.GetCountyRollupRequest { ForceAreaCode = Areas.WestYorkshireCounty, Period = Returns.Quarter.ToContract(), Audience = ReportingV1.ReportAudience.Partner }, reader).ResponseAsync,
            r => r.Measures.Any(m => m.Measure.Id == FeelingSafe && m.CountyValue is not null),
            what: "the survey figure at the aggregator");
        Assert.Equal(Areas.WestYorkshire, rollup.ForceArea.Code);
        Assert.Equal(81.5m, rollup.Measures.Single(m => m.Measure.Id == FeelingSafe).CountyValue.ToDecimal());
    }
}
