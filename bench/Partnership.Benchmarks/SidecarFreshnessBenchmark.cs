using System.Diagnostics;
using System.Globalization;
using System.Net;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Partnership.Contracts.Reporting.V1;
using Partnership.Testing;

namespace Partnership.Benchmarks;

/// <summary>
/// Freshness through the test sidecar (issue #11: p99 250 ms): the crime measures service and the
/// aggregator each run as a process beside its own <c>Partnership.TestSidecar</c> process on free
/// loopback ports, as the Dapr tests run them, with the app and Dapr API tokens; crime's sidecar
/// forwards what it is given to the aggregator's, which plays the broker. None of the broker faults
/// the Dapr tests switch on (duplicates, reordering, delays, refused publishes) is on here: the
/// figure is the delivery path itself. Both services keep their production settings (SQLite files,
/// the outbox woken on commit with its one-second poll behind it).
/// <para>
/// Each call submits <see cref="LatencyBenchmark.DistrictReturn"/> again over gRPC, which makes a new
/// revision, and times from sending it until the aggregator's <c>ListReceivedReturns</c> shows that
/// revision. The aggregator pushes no change event that names a revision (<c>WatchDeliveryReport</c>
/// pushes a whole rebuilt report, so it would time the report builder, which the <c>report</c>
/// benchmark measures), so it is polled, one call after another with no pause. The arrival is seen at
/// the end of the first poll whose read follows it: the figure overstates it by less than two poll
/// round trips (the rest of the poll under way, and the next), about one on average, and the polls
/// are small reads the aggregator serves while it applies. The polls' round trip is printed beside
/// the figure, and the aggregator's own stamp of when it began applying the revision splits the time.
/// </para>
/// The baseline is a gRPC health check of the aggregator process, alternated call by call.
/// </summary>
public sealed class SidecarFreshnessBenchmark
{
    public const string Name = "Freshness through the test sidecar";
    public const double TargetP99Ms = 250;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(30);

    private readonly DaprApp _crime = new("crime-measures", "CrimeMeasures", "crime");
    private readonly DaprApp _aggregator = new("reporting", "Reporting", null);
    private readonly string _appApiToken = "app-" + Guid.NewGuid().ToString("N");
    private readonly string _daprApiToken = "dapr-" + Guid.NewGuid().ToString("N");
    private readonly List<(string Name, ServiceProcess Process)> _processes = [];

    public async Task<BenchmarkResult> RunAsync(int warmups, int calls, CancellationToken cancellationToken)
    {
        using var store = TestStore.Sqlite();
        try
        {
            await StartAsync(store);
            return await MeasureAsync(warmups, calls, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or Grpc.Core.RpcException)
        {
            throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}{Diagnostics()}", ex);
        }
        finally
        {
            // Before the store goes: the services hold its files open.
            foreach (var (_, process) in _processes)
            {
                await process.DisposeAsync();
            }

            _processes.Clear();
        }
    }

    private async Task StartAsync(TestStore store)
    {
        // Each process binds port 0 and says what it got: the broker's sidecar first (the other forwards
        // to it), then the other sidecar, then the apps with their sidecars' ports.
        await StartSidecarAsync(_aggregator, broker: null);
        await StartSidecarAsync(_crime, broker: _aggregator);
        foreach (var app in new[] { _aggregator, _crime })
        {
            var environment = app.AppEnvironment(store, _appApiToken, _daprApiToken);
            // The in-process latency benchmark logs nothing; here warnings still reach the diagnostics,
            // and the line that says where the app listens.
            environment["Logging__LogLevel__Default"] = "Warning";
            environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
            await app.AppListeningAsync(Start(app.AppId, app.AppAssembly, environment), StartTimeout);
        }

        foreach (var app in new[] { _aggregator, _crime })
        {
            await Eventually.WaitForAsync(app.HealthAsync, s => s == HttpStatusCode.OK, StartTimeout, app.AppId);
        }

        await Eventually.WaitForAsync(_aggregator.SidecarStatsAsync, s => s.Discovered, StartTimeout, "the aggregator's subscriptions");
    }

    private Task StartSidecarAsync(DaprApp app, DaprApp? broker) =>
        app.SidecarListeningAsync(Start($"sidecar of {app.AppId}", DaprApp.SidecarAssembly, SidecarEnvironment(app, broker)), StartTimeout);

    private Dictionary<string, string?> SidecarEnvironment(DaprApp app, DaprApp? broker)
    {
        var environment = app.SidecarEnvironment(_appApiToken, _daprApiToken);
        if (broker is not null)
        {
            environment["Sidecar__Peers__0"] = broker.SidecarHttpUrl;
        }

        // Off by default; said here so that a changed default cannot slip into the figure.
        environment["Faults__Duplicate"] = "false";
        environment["Faults__ReorderWindow"] = "0";
        environment["Faults__MaxDelayMs"] = "0";
        environment["Faults__FailFirstPublishes"] = "0";
        return environment;
    }

    private ServiceProcess Start(string name, string assembly, Dictionary<string, string?> environment)
    {
        var process = ServiceProcess.Start(assembly, [], environment);
        _processes.Add((name, process));
        return process;
    }

    private async Task<BenchmarkResult> MeasureAsync(int warmups, int calls, CancellationToken cancellationToken)
    {
        using var crimeChannel = Channel(_crime, TestTokens.Csp("Bradford CSP", LatencyBenchmark.Bradford));
        using var aggregatorChannel = Channel(_aggregator, TestTokens.Trusted());
        var crime = new Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresClient(crimeChannel);
        var reporting = new Contracts.Reporting.V1.Reporting.ReportingClient(aggregatorChannel);
        var health = new Health.HealthClient(aggregatorChannel);
        var request = LatencyBenchmark.DistrictReturn();
        var received = new ListReceivedReturnsRequest { Period = request.Period };

        var timed = new List<TimedCall>();
        var polls = new List<double>();
        var noop = new List<double>();
        for (var i = 0; i < warmups + calls; i++)
        {
            var sentAt = DateTimeOffset.UtcNow;
            var start = Stopwatch.GetTimestamp();
            var accepted = await crime.SubmitReturnAsync(request, deadline: DateTime.UtcNow + ArrivalTimeout, cancellationToken: cancellationToken);
            var submitted = Stopwatch.GetElapsedTime(start);
            var (held, pollTimes) = await PollUntilHeldAsync(reporting, received, accepted.Revision, start, cancellationToken);
            var reached = Stopwatch.GetElapsedTime(start);

            start = Stopwatch.GetTimestamp();
            await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + ArrivalTimeout, cancellationToken: cancellationToken);
            var checkedHealth = Stopwatch.GetElapsedTime(start);

            if (i >= warmups)
            {
                // The aggregator stamps the revision when it begins applying it, on the same clock as sentAt.
                var applying = (DateTimeOffset.Parse(held.ReceivedAt, CultureInfo.InvariantCulture) - sentAt).TotalMilliseconds;
                timed.Add(new TimedCall(reached.TotalMilliseconds, submitted.TotalMilliseconds, applying));
                polls.AddRange(pollTimes);
                noop.Add(checkedHealth.TotalMilliseconds);
            }
        }

        var fresh = new Sample(timed.Select(c => c.Fresh));
        var submit = new Sample(timed.Select(c => c.Submit));
        var noopSample = new Sample(noop);
        var pollSample = new Sample(polls);
        // The p99 is the slowest 1% of calls: which stage they spent their time in.
        var slowest = timed.OrderByDescending(c => c.Fresh).Take(Math.Max(1, timed.Count / 100)).ToList();
        return new BenchmarkResult(
            $"{Name} (submit sent -> aggregator process holds the revision, {calls} calls)",
            $"p50 {fresh.Median:0.00} ms, p99 {fresh.Percentile(99):0.00} ms (submit p99 {submit.Percentile(99):0.00} ms; poll round trip p50 {pollSample.Median:0.00} ms)",
            $"aggregator health check p50 {noopSample.Median:0.00} ms, p99 {noopSample.Percentile(99):0.00} ms",
            fresh.Percentile(99) / noopSample.Percentile(99),
            $"p99 <= {TargetP99Ms:0} ms",
            fresh.Percentile(99) <= TargetP99Ms,
            $"the submit call {Spread(timed.Select(c => c.Submit))}; its answer -> the aggregator begins applying (outbox dispatch, both sidecars, delivery) {Spread(timed.Select(c => c.Delivery))}; "
                + $"-> applied and seen by a poll {Spread(timed.Select(c => c.AppliedAndSeen))}; {polls.Count} polls, round trip {Spread(polls)}; "
                + $"the slowest {slowest.Count} calls ({slowest[^1].Fresh:0} ms and over), mean: submit {slowest.Average(c => c.Submit):0} ms, delivery {slowest.Average(c => c.Delivery):0} ms, applied and seen {slowest.Average(c => c.AppliedAndSeen):0} ms");
    }

    /// <summary>Asks the aggregator again and again until it holds the revision; returns it and each poll's round trip.</summary>
    private static async Task<(ReceivedReturn Held, List<double> PollTimes)> PollUntilHeldAsync(
        Contracts.Reporting.V1.Reporting.ReportingClient reporting, ListReceivedReturnsRequest received, int revision, long sent, CancellationToken cancellationToken)
    {
        var pollTimes = new List<double>();
        var deadline = DateTime.UtcNow + ArrivalTimeout - Stopwatch.GetElapsedTime(sent);
        while (DateTime.UtcNow < deadline)
        {
            var poll = Stopwatch.GetTimestamp();
            var answer = await reporting.ListReceivedReturnsAsync(received, deadline: deadline, cancellationToken: cancellationToken);
            pollTimes.Add(Stopwatch.GetElapsedTime(poll).TotalMilliseconds);
            if (answer.Returns.FirstOrDefault(r => r.AreaCode == LatencyBenchmark.Bradford && r.Revision >= revision) is { } held)
            {
                return (held, pollTimes);
            }
        }

        throw new TimeoutException($"The aggregator did not hold revision {revision} of Bradford's return within {ArrivalTimeout.TotalSeconds} s ({pollTimes.Count} polls).");
    }

    private static GrpcChannel Channel(DaprApp app, string token) =>
        GrpcChannel.ForAddress(app.GrpcUrl, new GrpcChannelOptions { HttpHandler = new BearerTokenHandler(token, new SocketsHttpHandler()) });

    private static string Spread(IEnumerable<double> milliseconds)
    {
        var sample = new Sample(milliseconds);
        return $"p50 {sample.Median:0.00} ms, p99 {sample.Percentile(99):0.00} ms";
    }

    private string Diagnostics() => string.Join(
        Environment.NewLine,
        _processes.Select(p => $"--- {p.Name} (pid {p.Process.Id}{(p.Process.HasExited ? $", exited {p.Process.ExitCode}" : "")}) ---{Environment.NewLine}{p.Process.Output}"));

    /// <summary>
    /// One call's freshness in three consecutive stages (ms from sending): answered, the aggregator's
    /// stamp, seen. The stamp is a wall clock read in another process, so a stage can come out a
    /// millisecond or two negative.
    /// </summary>
    private sealed record TimedCall(double Fresh, double Submit, double Applying)
    {
        public double Delivery => Applying - Submit;

        public double AppliedAndSeen => Fresh - Applying;
    }
}
