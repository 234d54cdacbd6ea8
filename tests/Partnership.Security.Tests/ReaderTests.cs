using System.Net;
using Grpc.Core;
using Partnership.Contracts;
using Partnership.Testing;
using ReportingV1 = Partnership.Contracts.Reporting.V1;

namespace Partnership.Security.Tests;

/// <summary>The partner view of the Delivery Quarterly Report (true small counts) needs the partner reader role, on gRPC and on the dashboard.</summary>
public sealed class ReaderTests : IAsyncLifetime
{
    private ExchangeHost _exchange = null!;

    public async Task InitializeAsync()
    {
        _exchange = await SecureExchange.StartAsync();
        // The public view is the published edition: the OPCC publishes one for the quarter.
        await EditionPublisher.PublishAsync(
            _exchange.Channel, Returns.WestYorkshire, Returns.Quarter.Label, SecureExchange.As(TestTokens.For("West Yorkshire OPCC", [Returns.WestYorkshire], [Roles.OpccEditor, Roles.OpccApprover])));
    }

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    private static ReportingV1.GetDeliveryReportRequest Request(ReportingV1.ReportAudience audience) => new()
    {
        ForceAreaCode = Returns.WestYorkshire,
        Period = Returns.Quarter.ToContract(),
        Audience = audience,
    };

    [Theory]
    [InlineData(Roles.Public)]
    [InlineData(Roles.CspSubmitter)]
    [InlineData(Roles.SafeguardingSubmitter)]
    public async Task GetDeliveryReport_PartnerViewWithoutReaderRole_PermissionDenied(string role)
    {
        var client = new ReportingV1.DeliveryReports.DeliveryReportsClient(_exchange.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetDeliveryReportAsync(
            Request(ReportingV1.ReportAudience.Partner), SecureExchange.As(TestTokensFor.Role("Someone", role, Returns.Bradford))).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task GetDeliveryReport_PartnerReaderOrPublicView_Answered()
    {
        var client = new ReportingV1.DeliveryReports.DeliveryReportsClient(_exchange.Channel);

        var partner = await client.GetDeliveryReportAsync(Request(ReportingV1.ReportAudience.Partner), SecureExchange.As(TestTokensFor.Role("OPCC analyst", Roles.PartnerReader, Returns.WestYorkshire)));
        var published = await client.GetDeliveryReportAsync(Request(ReportingV1.ReportAudience.Public), SecureExchange.As(TestTokensFor.Role("Anyone", Roles.Public)));

        Assert.Equal(ReportingV1.ReportAudience.Partner, partner.Audience);
        Assert.Equal(ReportingV1.ReportAudience.Public, published.Audience);
    }

    [Fact]
    public async Task Dashboard_PartnerViewWithoutToken_ForbiddenAndPublicViewOpen()
    {
        using var http = _exchange.CreateHttpClient();

        var partner = await http.GetAsync($"/report.csv?period={Returns.Quarter.Label}&view=partner");
        var published = await http.GetAsync($"/report.csv?period={Returns.Quarter.Label}");

        Assert.Equal(HttpStatusCode.Forbidden, partner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
    }
}
