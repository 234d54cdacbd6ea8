using Google.Rpc;
using Grpc.Core;
using Partnership.Testing;
using ReportingV1 = Partnership.Contracts.Reporting.V1;

namespace Partnership.Security.Tests;

/// <summary>National figures are imported over gRPC by the operations role, checked whole, and a repeat replaces.</summary>
public sealed class NationalImportTests : IAsyncLifetime
{
    private const string Header = "area_code,measure_id,period_start,period_end,value,publication,published_on";
    private const string Publication = "\"ONS Crime in England and Wales, year ending March 2024\"";

    private static readonly string Good = $"""
        {Header}
        E23000016,crime.total_recorded.per_1000,2023-04-01,2024-03-31,61.2,{Publication},2024-07-24
        E23000010,crime.total_recorded.per_1000,2023-04-01,2024-03-31,120.1,{Publication},2024-07-24
        """;

    private ExchangeHost _exchange = null!;

    public async Task InitializeAsync() => _exchange = await SecureExchange.StartAsync();

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    private async Task<ReportingV1.ImportNationalFiguresResponse> ImportAs(string csv, params string[] roles) =>
        await new ReportingV1.ReportingOperations.ReportingOperationsClient(_exchange.Channel).ImportNationalFiguresAsync(
            new ReportingV1.ImportNationalFiguresRequest { Csv = csv }, SecureExchange.As(TestTokens.For("Exchange operations", [], roles)));

    [Fact]
    public async Task Import_Operations_StoresThePublicationAndARepeatReplacesIt()
    {
        var first = await ImportAs(Good, Roles.Operations);
        var second = await ImportAs(Good, Roles.Operations);

        Assert.Equal(("ONS Crime in England and Wales, year ending March 2024", 2, 0), (first.Imports.Single().Publication, first.Imports.Single().Stored, first.Imports.Single().Replaced));
        Assert.Equal((2, 2), (second.Imports.Single().Stored, second.Imports.Single().Replaced));
    }

    [Theory]
    [InlineData(Roles.PartnerReader)]
    [InlineData(Roles.NationalReader)]
    [InlineData(Roles.AuditReader)]
    public async Task Import_WithoutTheOperationsRole_PermissionDenied(string role)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => ImportAs(Good, role));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task Import_BadRow_InvalidArgumentNamingLineAndColumnAndNothingStored()
    {
        var bad = Good.Replace("120.1", "n/a", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<RpcException>(() => ImportAs(bad, Roles.Operations));
        var again = await ImportAs(Good, Roles.Operations);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("line 3.value", violation.Field);
        // The refused file left nothing behind: the good one replaces nothing.
        Assert.Equal(0, again.Imports.Single().Replaced);
    }
}
