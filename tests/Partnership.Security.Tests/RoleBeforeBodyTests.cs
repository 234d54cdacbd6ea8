using Grpc.Core;
using Partnership.Testing;
using Crime = Partnership.Contracts.Crime.V1;
using Justice = Partnership.Contracts.Justice.V1;
using SafeguardingV1 = Partnership.Contracts.Safeguarding.V1;
using Victims = Partnership.Contracts.Victims.V1;

namespace Partnership.Security.Tests;

/// <summary>
/// Authorisation comes before the body: a caller without a service's submitter role is refused even
/// when its request could not be read, so it learns nothing of how requests are read.
/// </summary>
public sealed class RoleBeforeBodyTests : IAsyncLifetime
{
    private ExchangeHost _exchange = null!;

    // Empty requests: no period, no courts, no date; each would be INVALID_ARGUMENT with field details.
    private static readonly Dictionary<string, Func<ExchangeHost, CallOptions, Task>> Submits = new()
    {
        ["crime.SubmitReturn"] = (x, o) => x.Crime.SubmitReturnAsync(new Crime.SubmitReturnRequest { AreaCode = Returns.Bradford }, o).ResponseAsync,
        ["safeguarding.SubmitReturn"] = (x, o) => x.Safeguarding.SubmitReturnAsync(new SafeguardingV1.SubmitReturnRequest { AreaCode = Returns.Bradford }, o).ResponseAsync,
        ["victims.SubmitReturn"] = (x, o) => x.Victims.SubmitReturnAsync(new Victims.SubmitReturnRequest { AreaCode = Returns.Bradford }, o).ResponseAsync,
        ["victims.SubmitCommissioning"] = (x, o) => x.Victims.SubmitCommissioningAsync(new Victims.SubmitCommissioningRequest { ForceAreaCode = Returns.WestYorkshire }, o).ResponseAsync,
        ["justice.SubmitCourtBacklog"] = (x, o) => x.Justice.SubmitCourtBacklogAsync(new Justice.SubmitCourtBacklogRequest(), o).ResponseAsync,
        ["justice.SubmitTrialEffectiveness"] = (x, o) => x.Justice.SubmitTrialEffectivenessAsync(new Justice.SubmitTrialEffectivenessRequest { ForceAreaCode = Returns.WestYorkshire }, o).ResponseAsync,
        ["justice.SubmitCaseProgression"] = (x, o) => x.Justice.SubmitCaseProgressionAsync(new Justice.SubmitCaseProgressionRequest { ForceAreaCode = Returns.WestYorkshire }, o).ResponseAsync,
        ["justice.SubmitReoffending"] = (x, o) => x.Justice.SubmitReoffendingAsync(new Justice.SubmitReoffendingRequest { ForceAreaCode = Returns.WestYorkshire }, o).ResponseAsync,
        ["justice.SubmitVictimsCodeCompliance"] = (x, o) => x.Justice.SubmitVictimsCodeComplianceAsync(new Justice.SubmitVictimsCodeComplianceRequest { ForceAreaCode = Returns.WestYorkshire }, o).ResponseAsync,
    };

    public static TheoryData<string> SubmitCalls() => [.. Submits.Keys];

    public async Task InitializeAsync() => _exchange = await SecureExchange.StartAsync();

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    [Theory]
    [MemberData(nameof(SubmitCalls))]
    public async Task Submit_InvalidBodyWithoutSubmitterRole_PermissionDenied(string call)
    {
        // Every area, every role but the submitters'.
        var reader = TestTokens.For(
            "A reader",
            [Returns.Bradford, Returns.Leeds, Returns.WestYorkshire],
            [Roles.PartnerReader, Roles.SafeguardingReader, Roles.Public, Roles.AuditReader]);

        var error = await Assert.ThrowsAsync<RpcException>(() => Submits[call](_exchange, SecureExchange.As(reader)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("role", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SubmitCalls))]
    public async Task Submit_InvalidBodyWithSubmitterRole_InvalidArgument(string call)
    {
        // The same bodies from a caller who may submit are read and refused, so the denials above are the role's doing.
        var error = await Assert.ThrowsAsync<RpcException>(() => Submits[call](_exchange, SecureExchange.As(TestTokens.Trusted())));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
