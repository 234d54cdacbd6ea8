using Google.Rpc;
using Grpc.Core;
using Partnership.CrimeMeasures;
using Partnership.Submissions.Validation;
using Partnership.Testing;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Security.Tests;

/// <summary>Oversized and out-of-bounds returns are refused whole, naming the field, and store nothing.</summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private ExchangeHost _exchange = null!;

    public async Task InitializeAsync() => _exchange = await SecureExchange.StartAsync();

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    private async Task<RpcException> RefusedAsync(Contracts.Crime.V1.SubmitReturnRequest request)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _exchange.Crime.SubmitReturnAsync(request, SecureExchange.As(Returns.BradfordCsp())).ResponseAsync);
        Assert.Equal("outbox=0", await _exchange.StoredStateAsync<CrimeMeasuresDbContext>());
        return error;
    }

    private static IReadOnlyList<string> Fields(RpcException error) =>
        [.. error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field) ?? []];

    [Fact]
    public async Task SubmitReturn_LargerThanTheMessageLimit_ResourceExhaustedBeforeReading()
    {
        var request = Returns.CrimeReturn();
        request.Observations[0].Note = new string('x', ServiceDefaults.Extensions.MaxReceiveMessageSize + 1);

        var error = await RefusedAsync(request);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task SubmitReturn_UndefinedEnumsAndOutOfRangeNanos_InvalidArgumentNamingEachField()
    {
        var request = Returns.CrimeReturn();
        request.Period.Kind = (Proto.PeriodKind)42;
        request.Observations[0].Status = (Proto.ObservationStatus)99;
        request.Observations[0].Value = new Proto.DecimalValue { Units = 1, Nanos = 2_000_000_000 };
        request.Observations[1].Trend = (Proto.Trend)77;
        request.Observations[1].Value = new Proto.DecimalValue { Units = 5, Nanos = -1 };
        request.Observations[2].Fraction.Denominator = new Proto.DecimalValue { Units = 1210, Nanos = -2_000_000_000 };

        var error = await RefusedAsync(request);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            ["period", "observations[0].status", "observations[0].value", "observations[1].trend", "observations[1].value", "observations[2].denominator"],
            Fields(error));
    }

    [Fact]
    public async Task SubmitCourtBacklog_UndefinedStatus_InvalidArgumentNamingTheCourt()
    {
        var request = Returns.CourtBacklog();
        request.Courts[0].Status = (Proto.ObservationStatus)99;

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _exchange.Justice.SubmitCourtBacklogAsync(request, SecureExchange.As(TestTokens.Trusted())).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["courts[0].status"], Fields(error));
        Assert.Equal("outbox=0", await _exchange.StoredStateAsync<JusticeBoard.JusticeBoardDbContext>());
    }

    [Fact]
    public async Task SubmitCommissioning_OutOfRangeNanos_InvalidArgumentNamingTheAmount()
    {
        var request = new Contracts.Victims.V1.SubmitCommissioningRequest
        {
            ForceAreaCode = Returns.WestYorkshire,
            FinancialYear = new Proto.Period { Label = "FY2024/25" },
        };
        request.Services.Add(new Contracts.Victims.V1.CommissionedService
        {
            Id = "wy-isva",
            Provider = "Provider",
            Service = "ISVA",
            FundingStream = "MoJ Victims Grant",
            AmountAwarded = new Proto.DecimalValue { Units = 1000, Nanos = 2_000_000_000 },
            AmountAllocated = 500m,
            ContractStart = "2024-04-01",
            ContractEnd = "2025-03-31",
        });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _exchange.Victims.SubmitCommissioningAsync(request, SecureExchange.As(TestTokens.Trusted())).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["services[0].amount_awarded"], Fields(error));
    }

    [Fact]
    public async Task SubmitReturn_MoreRowsThanAllowed_InvalidArgumentOnObservations()
    {
        var request = Returns.CrimeReturn();
        for (var i = 0; i < ReturnValidator.MaxObservationsPerReturn; i++)
        {
            request.Observations.Add(new Proto.ObservationInput { MeasureId = "crime.total_recorded", Value = 1m });
        }

        var error = await RefusedAsync(request);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("observations", Fields(error));
    }

    [Fact]
    public async Task SubmitReturn_TenThousandProblems_ListsTheFirstAndCountsThemAll()
    {
        var request = Returns.CrimeReturn();
        request.Observations.Clear();
        for (var i = 0; i < 10_000; i++)
        {
            request.Observations.Add(new Proto.ObservationInput { MeasureId = $"crime.no_such_measure_{i}", Value = 1m });
        }

        var error = await RefusedAsync(request);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(ServiceDefaults.RpcErrors.MaxListedViolations, Fields(error).Count);
        Assert.Equal(10_000, Contracts.ProblemCount.TotalOf(error.GetRpcStatus()));
        Assert.Contains("10,000", error.Status.Detail, StringComparison.Ordinal);
        // Clients refuse trailers over 64 KiB; the test server's handler does not, so measure it.
        var details = error.Trailers.GetValueBytes("grpc-status-details-bin") ?? [];
        Assert.InRange(details.Length * 4 / 3, 1, 48 * 1024);
    }

    [Fact]
    public async Task SubmitReturn_OverlongStrings_InvalidArgumentNamingEachField()
    {
        var request = Returns.CrimeReturn();
        request.Observations[0].Note = new string('n', ReturnValidator.MaxNoteLength + 1);
        request.Observations[1].MeasureId = new string('m', 10_000);

        var error = await RefusedAsync(request);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("observations[0].note", Fields(error));
        Assert.Contains("observations[1].measure_id", Fields(error));
        // The refusal does not echo the flood back.
        Assert.True(error.Status.Detail.Length < 2_000, $"{error.Status.Detail.Length} characters");
    }

    [Fact]
    public async Task SubmitReturn_OverlongAreaCode_InvalidArgumentWithoutEchoingIt()
    {
        var token = TestTokensFor.Csp("Odd CSP", new string('E', 100));
        var request = Returns.CrimeReturn(new string('E', 100));

        var error = await Assert.ThrowsAsync<RpcException>(() => _exchange.Crime.SubmitReturnAsync(request, SecureExchange.As(token)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("area_code", Fields(error));
        Assert.DoesNotContain(new string('E', 100), error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, "observations[0].value")]
    [InlineData(1_000_000_000_001, "observations[0].value")]
    public async Task SubmitReturn_ValueOutOfBounds_InvalidArgumentOnTheValue(long value, string field)
    {
        var request = Returns.CrimeReturn();
        request.Observations[0].Value = value;

        var error = await RefusedAsync(request);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(field, Fields(error));
    }
}
