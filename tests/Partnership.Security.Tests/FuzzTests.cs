using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Partnership.Contracts;
using Partnership.CrimeMeasures;
using Crime = Partnership.Contracts.Crime.V1;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Security.Tests;

/// <summary>
/// Random and mutated returns against a live service, bounded in count and time, from a fixed seed so
/// a failure can be replayed. No call may fail as INTERNAL or UNKNOWN, the service must stay up, and a
/// refused call must leave the stored data exactly as it was.
/// </summary>
public sealed class FuzzTests : IAsyncLifetime
{
    private const int Calls = 300;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    private static readonly StatusCode[] Expected =
        [StatusCode.OK, StatusCode.InvalidArgument, StatusCode.PermissionDenied, StatusCode.ResourceExhausted];

    private static readonly string[] Measures =
        ["crime.total_recorded", "crime.violence_with_injury_solved", "survey.feeling_safe", "asb.incidents", "victims.referrals", "", "crime.", "CRIME.TOTAL_RECORDED", "crime.total_recorded\0", "=HYPERLINK(\"x\")"];

    private static readonly string[] Areas =
        [Returns.Bradford, Returns.Leeds, Returns.WestYorkshire, "", $" {Returns.Bradford}", Returns.Bradford.ToLowerInvariant(), $"{Returns.Bradford}\n", "E99999999", "\U0001F4A3", new string('E', 5_000)];

    private Testing.ExchangeHost _exchange = null!;

    public async Task InitializeAsync() => _exchange = await SecureExchange.StartAsync();

    public async Task DisposeAsync() => await _exchange.DisposeAsync();

    [Fact]
    public async Task SubmitReturn_RandomAndMutatedReturns_NoInternalErrorsAndRefusedCallsChangeNothing()
    {
        var random = new Random(20261122);
        var clock = Stopwatch.StartNew();
        var token = SecureExchange.As(Returns.BradfordCsp());
        var state = await _exchange.StoredStateAsync<CrimeMeasuresDbContext>();
        var outcomes = new Dictionary<StatusCode, int>();
        for (var call = 0; call < Calls && clock.Elapsed < Budget; call++)
        {
            var request = call % 2 == 0 ? RandomReturn(random) : Mutate(Returns.CrimeReturn(total: random.Next(0, 100_000)), random);
            var status = StatusCode.OK;
            var detail = "";
            try
            {
                await _exchange.Crime.SubmitReturnAsync(request, token);
            }
            catch (RpcException e)
            {
                status = e.StatusCode;
                detail = e.Status.Detail;
            }

            outcomes[status] = outcomes.GetValueOrDefault(status) + 1;
            Assert.True(Expected.Contains(status), $"call {call} answered {status} ({detail}): {request}");
            var now = await _exchange.StoredStateAsync<CrimeMeasuresDbContext>();
            if (status == StatusCode.OK)
            {
                Assert.NotEqual(state, now);
            }
            else
            {
                Assert.True(state == now, $"call {call} was refused ({status}) but changed the stored data: {request}");
            }

            state = now;
        }

        var health = await new Health.HealthClient(_exchange.Channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        // The run must have exercised both sides: some returns accepted, many refused.
        Assert.True(outcomes.GetValueOrDefault(StatusCode.OK) > 0, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(StatusCode.InvalidArgument) > 0, string.Join(", ", outcomes));
    }

    private static Crime.SubmitReturnRequest RandomReturn(Random random)
    {
        var request = new Crime.SubmitReturnRequest
        {
            AreaCode = Pick(random, Areas),
            Period = RandomPeriod(random),
            SubmittedBy = RandomText(random, 50),
        };
        var count = random.Next(0, 40);
        for (var i = 0; i < count; i++)
        {
            request.Observations.Add(RandomObservation(random));
        }

        return request;
    }

    private static Crime.SubmitReturnRequest Mutate(Crime.SubmitReturnRequest request, Random random)
    {
        switch (random.Next(10))
        {
            case 0:
                request.AreaCode = Pick(random, Areas);
                break;
            case 1:
                request.Period = RandomPeriod(random);
                break;
            case 2:
                request.Observations[random.Next(request.Observations.Count)].Value = RandomDecimal(random);
                break;
            case 3:
                request.Observations[random.Next(request.Observations.Count)].Fraction = new Proto.Fraction { Numerator = RandomDecimal(random), Denominator = RandomDecimal(random) };
                break;
            case 4:
                request.Observations[random.Next(request.Observations.Count)].MeasureId = Pick(random, Measures);
                break;
            case 5:
                request.Observations[random.Next(request.Observations.Count)].Note = RandomText(random, random.Next(2) == 0 ? 100 : 10_000);
                break;
            case 6:
                request.Observations.Add(request.Observations[0].Clone());
                break;
            case 7:
                request.Observations[random.Next(request.Observations.Count)].Period = RandomPeriod(random);
                break;
            case 8:
                request.Observations[random.Next(request.Observations.Count)].Status = (Proto.ObservationStatus)random.Next(-5, 50);
                break;
            default:
                request.Observations[random.Next(request.Observations.Count)].Trend = (Proto.Trend)random.Next(-5, 50);
                break;
        }

        return request;
    }

    private static Proto.ObservationInput RandomObservation(Random random)
    {
        var observation = new Proto.ObservationInput
        {
            MeasureId = Pick(random, Measures),
            Note = RandomText(random, 30),
            SourceLine = random.Next(-10, 100_000),
            Status = (Proto.ObservationStatus)random.Next(0, 8),
        };
        if (random.Next(2) == 0)
        {
            observation.Value = RandomDecimal(random);
        }
        else if (random.Next(2) == 0)
        {
            observation.Fraction = new Proto.Fraction { Numerator = RandomDecimal(random), Denominator = RandomDecimal(random) };
        }

        if (random.Next(4) == 0)
        {
            observation.Period = RandomPeriod(random);
        }

        return observation;
    }

    private static Proto.DecimalValue RandomDecimal(Random random) => random.Next(6) switch
    {
        0 => new Proto.DecimalValue { Units = long.MaxValue, Nanos = int.MaxValue },
        1 => new Proto.DecimalValue { Units = long.MinValue, Nanos = int.MinValue },
        2 => new Proto.DecimalValue { Units = random.NextInt64(), Nanos = random.Next() },
        3 => new Proto.DecimalValue { Units = 0, Nanos = 0 },
        4 => new Proto.DecimalValue { Units = -random.Next(1, 1000) },
        _ => new Proto.DecimalValue { Units = random.Next(0, 10_000), Nanos = random.Next(0, 999_999_999) },
    };

    private static Proto.Period? RandomPeriod(Random random) => random.Next(6) switch
    {
        0 => null,
        1 => Returns.Quarter.ToContract(),
        2 => new Proto.Period { StartDate = "2025-04-01", EndDate = "2025-06-30", Kind = (Proto.PeriodKind)random.Next(-3, 20) },
        3 => new Proto.Period { StartDate = RandomText(random, 12), EndDate = RandomText(random, 12), Label = RandomText(random, 20) },
        4 => new Proto.Period { StartDate = "9999-12-01", EndDate = "0001-01-01" },
        _ => new Proto.Period { StartDate = "2025-04-31", EndDate = "2025-02-29", Kind = Proto.PeriodKind.Quarter },
    };

    private static string RandomText(Random random, int maxLength)
    {
        var length = random.Next(0, maxLength + 1);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            // Mostly printable, with control characters, formula starters, bidi overrides and
            // non-characters mixed in (lone surrogates cannot cross the wire: protobuf sends UTF-8).
            chars[i] = random.Next(10) switch
            {
                0 => (char)random.Next(0, 32),
                1 => "=+-@,\"'\n"[random.Next(8)],
                2 => "\u202E\uFEFF\uFFFD\uFFFF\u0000"[random.Next(5)],
                _ => (char)random.Next(32, 0xD800),
            };
        }

        return new string(chars);
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
