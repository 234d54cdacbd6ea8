using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Grpc.Health.V1;
using Grpc.Net.Client;
using OpenTelemetry.Metrics;
using Partnership.Cli;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;
using Partnership.CrimeMeasures;
using Partnership.Reporting;
using Partnership.Reporting.Subscriptions;
using Partnership.Testing;
using static Partnership.Testing.Areas;
using DomainPeriod = Partnership.Domain.Period;

namespace Partnership.SystemTests.Dapr;

/// <summary>
/// One submission is one trace across separate hosts: the crime measures service and the aggregator
/// run as two hosts in this process, each with its own tracer and meter providers and in-memory
/// exporters, and each beside its own test sidecar process; the only way between them is through
/// those sidecars over loopback.
/// </summary>
[Collection(DaprCollection.Name)]
[Trait(Lane.Key, Lane.System)]
public sealed class TraceTests : IAsyncLifetime
{
    private const string Quarter = "FY2022/23-Q1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly TestStore _store = TestStore.Sqlite();
    private readonly DaprApp _crime = new("crime-measures", "CrimeMeasures", "crime");
    private readonly DaprApp _aggregator = new("reporting", "Reporting", null);
    private readonly string _appApiToken = "app-" + Guid.NewGuid().ToString("N");
    private readonly List<ServiceProcess> _sidecars = [];
    // Crime measures hosts stopped by the port race fallback: what they exported is still part of the trace.
    private readonly List<TracedHost> _stoppedHosts = [];
    private TracedHost _crimeHost = null!;
    private TracedHost _aggregatorHost = null!;

    public async Task InitializeAsync()
    {
        // The aggregator's sidecar is the broker; it delivers every message twice, as a broker may.
        await StartSidecarAsync(_aggregator, new() { ["Faults__Duplicate"] = "true" });
        _aggregatorHost = await TracedHost.StartAsync(Settings(_aggregator), b =>
        {
            b.AddReporting();
            b.AddReportingSubscriptions();
        }, app =>
        {
            app.MapReporting();
            app.MapReportingSubscriptions();
        });
        await _aggregator.AppListeningAsync(_aggregatorHost.GrpcPort, _aggregatorHost.HttpPort);
        // The crime measures service starts without its sidecar: what it accepts waits in the outbox. It
        // is given the ports of one started and stopped here; the test starts it again on them (StartCrimeSidecarAgainAsync).
        (await StartSidecarAsync(_crime, [])).Kill();
        _crimeHost = await StartCrimeHostAsync();
        _crime.AppListening(_crimeHost.GrpcPort, _crimeHost.HttpPort);
        await Eventually.WaitForAsync(() => _aggregator.SidecarStatsAsync(), s => s.Discovered, Patience, "the aggregator's subscriptions");
    }

    public async Task DisposeAsync()
    {
        foreach (var sidecar in _sidecars)
        {
            await sidecar.DisposeAsync();
        }

        await _crimeHost.DisposeAsync();
        await _aggregatorHost.DisposeAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task SubmitWithCli_ThroughSidecars_IsOneTraceFromTheCallToTheRecomputedReport_AndMetricsMove()
    {
        using var reporting = GrpcChannel.ForAddress(_aggregator.GrpcUrl, new GrpcChannelOptions { HttpHandler = new BearerTokenHandler(TestTokens.Trusted(), new SocketsHttpHandler()) });
        // A report that never changed would leave the watch waiting; the test must fail instead.
        using var watching = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var watch = new DeliveryReports.DeliveryReportsClient(reporting).WatchDeliveryReport(
            new GetDeliveryReportRequest { ForceAreaCode = WestYorkshire, Period = Period(), Audience = ReportAudience.Partner }, cancellationToken: watching.Token);
        Assert.True(await watch.ResponseStream.MoveNext(watching.Token), "the live report's first version");

        // A CSP submits with the CLI; another CSP's submission for the same district is refused.
        var returnId = await SubmitAsync(TestTokens.Csp("Bradford CSP", Bradford), ExitCodes.Success);
        await SubmitAsync(TestTokens.Csp("Calderdale CSP", Calderdale), ExitCodes.Rejected);

        // Without its sidecar the service is not ready, and the accepted return waits in the outbox.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await _crime.ReadinessAsync());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, await GrpcHealthAsync(_crime));
        var waiting = await Eventually.WaitForAsync(
            () => Task.FromResult(_crimeHost.Metrics()),
            m => Value(m, "partnership.outbox.depth", "topic", EventTopics.CrimeMeasures) == 1 && Value(m, "partnership.outbox.publish_failures", "topic", EventTopics.CrimeMeasures) >= 1,
            Patience,
            "the return waiting in the outbox after a failed publish");
        Assert.Equal(1, Value(waiting, "partnership.returns.accepted", "service", "crime-measures"));
        Assert.Equal(1, Value(waiting, "partnership.returns.rejected", "reason", "denied"));
        Assert.Equal(2, Value(waiting, "partnership.observations.stored", "service", "crime-measures"));

        await StartCrimeSidecarAgainAsync(new() { ["Sidecar__Peers__0"] = _aggregator.SidecarHttpUrl });
        Assert.True(await watch.ResponseStream.MoveNext(watching.Token), "the live report recomputed after the return arrived");
        var delivered = await Eventually.WaitForAsync(
            () => _aggregator.SidecarStatsAsync(),
            s => s.Pending == 0 && s.Deliveries.Count(d => d.Topic == EventTopics.CrimeMeasures) == 2,
            Patience,
            "both copies of the event delivered");
        Assert.Equal(HttpStatusCode.OK, await _crime.ReadinessAsync());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await GrpcHealthAsync(_crime));

        // The CloudEvent carried the trace context of the publish.
        var traceParent = delivered.Deliveries.Where(d => d.Topic == EventTopics.CrimeMeasures).Select(d => d.TraceParent).Distinct().Single();
        Assert.NotNull(traceParent);
        var parts = traceParent.Split('-');
        var traceId = ActivityTraceId.CreateFromString(parts[1]);
        var publishSpanId = ActivitySpanId.CreateFromString(parts[2]);

        var trace = await Eventually.WaitForAsync(
            () => Task.FromResult(Trace(traceId)),
            t => t.Any(s => s.DisplayName == "recompute delivery report") && t.Count(s => s.DisplayName == "apply quarterly update") == 2,
            Patience,
            "the aggregator's spans in the submission's trace");
        Activity Parent(Activity span) => trace.SingleOrDefault(s => s.SpanId == span.ParentSpanId)
            ?? throw new Xunit.Sdk.XunitException($"The parent of '{span.DisplayName}' is not in the trace:{Environment.NewLine}{Describe(trace)}");

        // The partner's call: the CLI's client span is the root; the service's server span is its child.
        var submit = Named(trace, "submit return");
        var server = Parent(submit);
        Assert.Equal(ActivityKind.Server, server.Kind);
        var root = Ancestors(trace, server).Last();
        Assert.Equal(ActivityKind.Client, root.Kind);
        Assert.Equal(default, root.ParentSpanId);
        Assert.Equal("crime-measures", submit.GetTagItem("partnership.service"));
        Assert.Equal("Bradford CSP", submit.GetTagItem("partnership.agency"));
        Assert.Equal(Bradford, submit.GetTagItem("partnership.area"));
        Assert.Equal(DomainPeriod.Parse(Quarter).Label, submit.GetTagItem("partnership.period"));
        Assert.Equal(returnId, submit.GetTagItem("partnership.return_id"));

        // Validation and the database write inside it; the dispatch, later and on another thread,
        // continues from the context stored with the outbox record.
        Assert.Equal(submit.SpanId, Named(trace, "validate return").ParentSpanId);
        var store = Named(trace, "store return");
        Assert.Equal(submit.SpanId, store.ParentSpanId);
        var dispatches = trace.Where(s => s.DisplayName == "outbox publish").ToList();
        Assert.All(dispatches, d => Assert.Equal(store.SpanId, d.ParentSpanId));
        Assert.All(dispatches, d => Assert.Equal(ActivityKind.Producer, d.Kind));
        Assert.True(dispatches.Count >= 2, $"{dispatches.Count} dispatches: the publish without a sidecar failed, the next succeeded");

        // The Dapr publish: the gRPC client call whose context the sidecar put in the CloudEvent.
        var publish = trace.SingleOrDefault(s => s.SpanId == publishSpanId)
            ?? throw new Xunit.Sdk.XunitException($"The CloudEvent's traceparent names span {publishSpanId}, which is not in the trace:{Environment.NewLine}{Describe(trace)}");
        Assert.Equal(ActivityKind.Client, publish.Kind);
        var published = Ancestors(trace, publish).Single(s => s.DisplayName == "outbox publish");
        Assert.Equal(ActivityStatusCode.Unset, published.Status);

        // Delivery: each copy is a server span of the aggregator parented on that call, then the update applied.
        var applied = trace.Where(s => s.DisplayName == "apply quarterly update").ToList();
        Assert.All(applied, a => Assert.Equal(ActivityKind.Server, Parent(a).Kind));
        Assert.All(applied, a => Assert.Equal(publishSpanId, Parent(a).ParentSpanId));
        Assert.All(applied, a => Assert.Equal(returnId, a.GetTagItem("partnership.return_id")));
        Assert.Equal(["Duplicate", "Processed"], applied.Select(a => (string)a.GetTagItem("partnership.outcome")!).Order(StringComparer.Ordinal));

        // The rollup recomputation the update caused, for the live report being watched.
        var recompute = Named(trace, "recompute delivery report");
        Assert.Equal("Processed", Parent(recompute).GetTagItem("partnership.outcome"));
        Assert.Contains(trace, s => s.DisplayName == "build delivery report" && s.ParentSpanId == recompute.SpanId);

        // An unreadable event is dropped to the dead-letter topic.
        using (var dapr = new global::Dapr.Client.DaprClientBuilder().UseGrpcEndpoint(_aggregator.SidecarGrpcUrl).Build())
        {
            await dapr.PublishByteEventAsync(EventTopics.PubSubName, EventTopics.CrimeMeasures, Encoding.UTF8.GetBytes("not an event"), "text/plain");
        }

        var after = await Eventually.WaitForAsync(
            () => Task.FromResult(_aggregatorHost.Metrics()),
            m => Value(m, "partnership.events.handled", "outcome", "Drop") == 2,
            Patience,
            "both copies of the unreadable event dropped");
        Assert.Equal(1, Value(after, "partnership.events.handled", "outcome", "Processed"));
        Assert.Equal(1, Value(after, "partnership.events.handled", "outcome", "Duplicate"));
        var drained = _crimeHost.Metrics();
        if (_stoppedHosts.Count == 0)
        {
            // The depth gauge is the process's, fed by what a dispatcher last read of the topics it has
            // seen waiting: one started again after the port race never saw this one waiting, so the
            // gauge keeps the stopped one's last reading. The count published says it drained all the same.
            Assert.Equal(0, Value(drained, "partnership.outbox.depth", "topic", EventTopics.CrimeMeasures));
        }

        Assert.Equal(1, Value(drained, "partnership.outbox.published", "topic", EventTopics.CrimeMeasures));
        Assert.True(Value(after, "partnership.rollup.duration", "kind", "delivery_report") >= 2, "report builds timed");

        await watching.CancelAsync();
    }

    private async Task<string> SubmitAsync(string token, int expectedExit)
    {
        // The CLI is a process of its own: nothing of this test's context may parent its call.
        Activity.Current = null;
        var csv = CsvReturn.Of("crime", Bradford, Quarter, ("crime.total_recorded", "1234"), ("crime.violence_with_injury_solved", "12/100")).Csv;
        var (exitCode, output) = await CliRun.SubmitAsync(
            _store.Settings["Storage:DataDirectory"]!, "crime", csv, _crime.GrpcUrl, new CliOptions { GetEnvironmentVariable = name => name == "PARTNERSHIP_TOKEN" ? token : null });
        Assert.True(exitCode == expectedExit, $"partnership submit exited with {exitCode}, not {expectedExit}:{Environment.NewLine}{output}");
        return exitCode == ExitCodes.Success
            ? output.Split("Accepted: return ", 2)[1].Split(',', 2)[0]
            : "";
    }

    private List<Activity> Trace(ActivityTraceId traceId) =>
        [.. _stoppedHosts.Append(_crimeHost).Append(_aggregatorHost).SelectMany(h => h.Spans).Where(s => s.TraceId == traceId).DistinctBy(s => s.SpanId)];

    private static Activity Named(List<Activity> trace, string name)
    {
        var found = trace.Where(s => s.DisplayName == name).ToList();
        return found.Count == 1
            ? found[0]
            : throw new Xunit.Sdk.XunitException($"{found.Count} '{name}' spans in the trace, not one:{Environment.NewLine}{Describe(trace)}");
    }

    private static string Describe(List<Activity> trace) =>
        string.Join(Environment.NewLine, trace.Select(s => $"  {s.SpanId} <- {s.ParentSpanId} {s.Kind} {s.DisplayName}"));

    /// <summary>A span's parent, its parent's parent, ... up to the root of what was exported.</summary>
    private static List<Activity> Ancestors(List<Activity> trace, Activity span)
    {
        var chain = new List<Activity>();
        for (var current = span; trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId) is { } parent; current = parent)
        {
            chain.Add(parent);
        }

        return chain;
    }

    /// <summary>A counter's sum, a gauge's value or a histogram's count, for the points with the tag.</summary>
    private static double Value(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name, string tag, string value)
    {
        if (!metrics.TryGetValue(name, out var metric))
        {
            return 0;
        }

        double total = 0;
        foreach (var point in metric.MetricPoints)
        {
            var tags = new Dictionary<string, object?>();
            foreach (var pair in point.Tags)
            {
                tags[pair.Key] = pair.Value;
            }

            if (!Equals(tags.GetValueOrDefault(tag)?.ToString(), value))
            {
                continue;
            }

            total += metric.MetricType switch
            {
                MetricType.LongSum => point.GetSumLong(),
                MetricType.DoubleSum => point.GetSumDouble(),
                MetricType.LongGauge => point.GetGaugeLastValueLong(),
                MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
                MetricType.Histogram => point.GetHistogramCount(),
                _ => throw new InvalidOperationException($"{name} is a {metric.MetricType}"),
            };
        }

        return total;
    }

    private static Contracts.Common.V1.Period Period() => DomainPeriod.Parse(Quarter).ToContract();

    private static async Task<HealthCheckResponse.Types.ServingStatus> GrpcHealthAsync(DaprApp app)
    {
        using var channel = GrpcChannel.ForAddress(app.GrpcUrl);
        return (await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest())).Status;
    }

    private Dictionary<string, string?> Settings(DaprApp app) => new(_store.Settings)
    {
        ["Auth:DevelopmentIssuer:Enabled"] = "true",
        ["EventBus:Transport"] = "dapr",
        ["Outbox:InitialRetryDelay"] = "00:00:00.100",
        ["Outbox:MaxRetryDelay"] = "00:00:01",
        ["DAPR_GRPC_PORT"] = app.Ports.SidecarGrpc.ToString(CultureInfo.InvariantCulture),
        ["DAPR_HTTP_PORT"] = app.Ports.SidecarHttp.ToString(CultureInfo.InvariantCulture),
        [SubscriptionExtensions.AppApiTokenKey] = _appApiToken,
    };

    private Task<TracedHost> StartCrimeHostAsync() => TracedHost.StartAsync(Settings(_crime), b => b.AddCrimeMeasures(), app => app.MapCrimeMeasures());

    /// <summary>
    /// Starts the crime measures sidecar again on the ports the running service was given, or, if another
    /// process has taken one, on new ones with the service started again (<see cref="DaprApp.StartSidecarAgainAsync"/>).
    /// Nothing the trace needs is lost: the return waits in the outbox of the store, with the trace context
    /// its dispatch continues from, and the stopped host's spans stay in <see cref="Trace"/>.
    /// </summary>
    private Task StartCrimeSidecarAgainAsync(Dictionary<string, string?> settings) => _crime.StartSidecarAgainAsync(
        () => StartSidecar(_crime, settings),
        sidecar => _crime.SidecarListeningAsync(sidecar, Patience),
        async () =>
        {
            await _crimeHost.DisposeAsync();
            _stoppedHosts.Add(_crimeHost);
            _crimeHost = await StartCrimeHostAsync();
            await _crime.AppListeningAsync(_crimeHost.GrpcPort, _crimeHost.HttpPort);
        });

    /// <summary>Starts a sidecar beside the app (on port 0 the first time, on its former ports again) and reads back its ports.</summary>
    private async Task<ServiceProcess> StartSidecarAsync(DaprApp app, Dictionary<string, string?> settings)
    {
        var sidecar = StartSidecar(app, settings);
        await app.SidecarListeningAsync(sidecar, Patience);
        return sidecar;
    }

    private ServiceProcess StartSidecar(DaprApp app, Dictionary<string, string?> settings)
    {
        var environment = app.SidecarEnvironment(_appApiToken, daprApiToken: null);
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var sidecar = ServiceProcess.Start(DaprApp.SidecarAssembly, [], environment);
        _sidecars.Add(sidecar);
        return sidecar;
    }
}
