using Partnership.Security;
using Partnership.Testing;

namespace Partnership.Cli.Tests;

/// <summary>Issue 21: a refused token is named with why: when it expired, whose issuer, which signing key.</summary>
public sealed class TokenReasonCliTests : IAsyncLifetime
{
    private const string Hint = "Give a valid one with --token or PARTNERSHIP_TOKEN (a local run takes one from 'partnership token').";
    private ExchangeHost _host = null!;

    public async Task InitializeAsync() => _host = await ExchangeHost.StartAsync(ExchangeServices.Reporting);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static TokenRequest Reader() => new("West Yorkshire OPCC", [Areas.WestYorkshire], [Roles.PartnerReader]);

    private async Task<(int Exit, string Out, string Error)> ReportAsync(string token)
    {
        using var handler = _host.CreateHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(
            ["report", "--area", Areas.WestYorkshire, "--period", "FY2024/25-Q4", "--token", token, "--url", "http://localhost"],
            output, error, CliOptions.ForHandler(handler));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Report_ExpiredToken_SaysWhenItExpiredWithoutCalling()
    {
        var token = DevelopmentIssuer.Mint(Reader() with { Lifetime = TimeSpan.FromHours(1) }, now: new DateTime(2026, 1, 1, 13, 2, 0, DateTimeKind.Utc));

        var result = await ReportAsync(token);

        Assert.Equal(ExitCodes.Rejected, result.Exit);
        Assert.Equal($"The token expired at 14:02 UTC on 2026-01-01. {Hint}\n", result.Error.ReplaceLineEndings("\n"));
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Report_TokenOfAnotherIssuer_SaysTheServerDoesNotTrustIt()
    {
        var result = await ReportAsync(DevelopmentIssuer.Mint(Reader() with { Issuer = "https://login.example.org" }));

        Assert.Equal(ExitCodes.Rejected, result.Exit);
        Assert.Equal($"The server at http://localhost refused the token: The token was issued by 'https://login.example.org', an issuer this server does not trust. {Hint}\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Report_TokenSignedWithAnotherKey_SaysTheKeyIsNotTrusted()
    {
        var key = DevelopmentIssuer.SigningKey(Convert.ToBase64String(new byte[32]));

        var result = await ReportAsync(DevelopmentIssuer.Mint(Reader(), key));

        Assert.Equal(ExitCodes.Rejected, result.Exit);
        Assert.Equal($"The server at http://localhost refused the token: The token is not signed with a key this server trusts: it was minted for another server, or with another signing key. {Hint}\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Report_TokenOutlivedOnTheWay_ServerSaysWhenItExpired()
    {
        // The CLI lets a token through that has not expired by its own clock; the server's clock decides.
        var expired = DevelopmentIssuer.Mint(Reader() with { Lifetime = TimeSpan.FromHours(1) }, now: new DateTime(2026, 1, 1, 13, 2, 0, DateTimeKind.Utc));

        var refusal = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => _host.Reporting.GetCountyRollupAsync(
            new Contracts.Reporting.V1.GetCountyRollupRequest { ForceAreaCode = Areas.WestYorkshire, Period = new Contracts.Common.V1.Period { Label = "FY2024/25-Q4" } },
            new Grpc.Core.Metadata { { "authorization", "Bearer " + expired } }).ResponseAsync);

        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, refusal.StatusCode);
        Assert.Equal("The token expired at 14:02 UTC on 2026-01-01.", refusal.Status.Detail);
    }
}
