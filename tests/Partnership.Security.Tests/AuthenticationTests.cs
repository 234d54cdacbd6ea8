using System.Security.Cryptography;
using Grpc.Core;
using Grpc.Health.V1;
using Partnership.Contracts;
using Partnership.Testing;
using Audit = Partnership.Contracts.Audit.V1;
using Crime = Partnership.Contracts.Crime.V1;
using Justice = Partnership.Contracts.Justice.V1;
using ReportingV1 = Partnership.Contracts.Reporting.V1;
using SafeguardingV1 = Partnership.Contracts.Safeguarding.V1;
using Victims = Partnership.Contracts.Victims.V1;

namespace Partnership.Security.Tests;

/// <summary>Every gRPC call of every service refuses a call without a valid token, and changes nothing.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private ExchangeHost _exchange = null!;

    public static TheoryData<string, string> CallsAndBadTokens()
    {
        var data = new TheoryData<string, string>();
        foreach (var call in Calls.Keys)
        {
            foreach (var token in BadTokens.Keys)
            {
                data.Add(call, token);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, Func<ExchangeHost, CallOptions, Task>> Calls = new()
    {
        ["crime.SubmitReturn"] = (x, o) => x.Crime.SubmitReturnAsync(Returns.CrimeReturn(), o).ResponseAsync,
        ["crime.GetReturn"] = (x, o) => x.Crime.GetReturnAsync(new Crime.GetReturnRequest { AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract() }, o).ResponseAsync,
        ["crime.ListMeasures"] = (x, o) => x.Crime.ListMeasuresAsync(new Crime.ListMeasuresRequest(), o).ResponseAsync,
        ["victims.SubmitReturn"] = (x, o) => x.Victims.SubmitReturnAsync(new Victims.SubmitReturnRequest { AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract() }, o).ResponseAsync,
        ["victims.GetReturn"] = (x, o) => x.Victims.GetReturnAsync(new Victims.GetReturnRequest { AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract() }, o).ResponseAsync,
        ["victims.SubmitCommissioning"] = (x, o) => x.Victims.SubmitCommissioningAsync(new Victims.SubmitCommissioningRequest(), o).ResponseAsync,
        ["justice.SubmitCourtBacklog"] = (x, o) => x.Justice.SubmitCourtBacklogAsync(Returns.CourtBacklog(), o).ResponseAsync,
        ["justice.ListMeasures"] = (x, o) => x.Justice.ListMeasuresAsync(new Justice.ListMeasuresRequest(), o).ResponseAsync,
        ["safeguarding.SubmitReturn"] = (x, o) => x.Safeguarding.SubmitReturnAsync(Returns.SafeguardingReturn(), o).ResponseAsync,
        ["safeguarding.GetReturn"] = (x, o) => x.Safeguarding.GetReturnAsync(new SafeguardingV1.GetReturnRequest { AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract() }, o).ResponseAsync,
        ["reporting.GetCountyRollup"] = (x, o) => x.Reporting.GetCountyRollupAsync(new ReportingV1.GetCountyRollupRequest { ForceAreaCode = Returns.WestYorkshire, Period = Returns.Quarter.ToContract() }, o).ResponseAsync,
        ["audit.ListAuditEntries"] = (x, o) => x.Audit.ListAuditEntriesAsync(new Audit.ListAuditEntriesRequest { AreaCode = Returns.Bradford, Period = Returns.Quarter.ToContract() }, o).ResponseAsync,
    };

    private static readonly Dictionary<string, Func<string?>> BadTokens = new()
    {
        ["none"] = () => null,
        ["garbage"] = () => "not.a.token",
        ["expired"] = () => DevelopmentIssuer.Mint(Everything() with { Lifetime = TimeSpan.FromHours(1) }, now: DateTime.UtcNow.AddHours(-2)),
        ["wrong signature"] = () => DevelopmentIssuer.Mint(Everything(), DevelopmentIssuer.SigningKey(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))),
        ["wrong audience"] = () => DevelopmentIssuer.Mint(Everything() with { Audience = "another-exchange" }),
        ["wrong issuer"] = () => DevelopmentIssuer.Mint(Everything() with { Issuer = "https://issuer.example.org" }),
        ["unsigned"] = () => new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(
            $$"""{"iss":"{{DevelopmentIssuer.Issuer}}","aud":"{{DevelopmentIssuer.DefaultAudience}}","sub":"x","agency":"x","roles":["csp-submitter","partner-reader","audit-reader"],"areas":["{{Areas.Bradford}}"],"exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}"""),
    };

    public async Task InitializeAsync() => _exchange = await SecureExchange.StartAsync();

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    [Theory]
    [MemberData(nameof(CallsAndBadTokens))]
    public async Task Call_WithoutValidToken_UnauthenticatedAndNothingStored(string call, string token)
    {
        var before = await _exchange.StoredStateAsync<CrimeMeasures.CrimeMeasuresDbContext>();

        var error = await Assert.ThrowsAsync<RpcException>(() => Calls[call](_exchange, SecureExchange.As(BadTokens[token]())));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(before, await _exchange.StoredStateAsync<CrimeMeasures.CrimeMeasuresDbContext>());
        Assert.Equal("outbox=0", before.Split('\n')[^1]);
    }

    [Theory]
    [InlineData("crime.SubmitReturn")]
    [InlineData("crime.GetReturn")]
    [InlineData("justice.ListMeasures")]
    [InlineData("reporting.GetCountyRollup")]
    public async Task Call_TokenWithoutAgencyClaim_UnauthenticatedNamingTheClaimAndNothingStored(string call)
    {
        // Readers too: the audit trail records which agency read what.
        var token = TestTokens.WithoutAgency([Returns.Bradford, Returns.WestYorkshire], [.. Roles.All]);
        var before = await _exchange.StoredStateAsync<CrimeMeasures.CrimeMeasuresDbContext>();

        var error = await Assert.ThrowsAsync<RpcException>(() => Calls[call](_exchange, SecureExchange.As(token)));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("'agency' claim", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await _exchange.StoredStateAsync<CrimeMeasures.CrimeMeasuresDbContext>());
        Assert.Empty(await _exchange.AuditRowsAsync<CrimeMeasures.CrimeMeasuresDbContext>());
    }

    [Fact]
    public async Task SubmitReturn_ValidToken_Accepted()
    {
        // The same call the theory refuses succeeds with a good token, so the refusals are the token's doing.
        var accepted = await _exchange.Crime.SubmitReturnAsync(Returns.CrimeReturn(), SecureExchange.As(Returns.BradfordCsp()));

        Assert.Equal(1, accepted.Revision);
    }

    [Fact]
    public async Task HealthProbes_WithoutToken_Answer()
    {
        var health = await new Health.HealthClient(_exchange.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    private static TokenRequest Everything() =>
        new("Test harness", [Returns.Bradford, Returns.Leeds, Returns.WestYorkshire], [.. Roles.All]);
}
