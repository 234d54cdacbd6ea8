using System.Net.Http.Json;
using System.Text.Json;
using Dapr.Client;
using Grpc.Net.Client;
using Partnership.Dapr.Tests.Processes;
using Partnership.IntegrationTests;

namespace Partnership.Dapr.Tests;

/// <summary>
/// The crime measures service and the aggregator, each a process beside its own test sidecar process,
/// on free loopback ports, with the faults a real broker may show switched on: every delivery twice,
/// deliveries reordered and delayed, and the first publishes refused. The crime sidecar forwards what
/// it is given to the aggregator's sidecar, which plays the shared broker.
/// </summary>
public sealed class DaprExchange : IAsyncLifetime
{
    public const int RefusedPublishes = 2;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("partnership-dapr-").FullName;
    private readonly List<ManagedProcess> _sidecars = [];
    private ManagedProcess? _crime;
    private ManagedProcess? _reporting;
    private GrpcChannel? _crimeChannel;
    private GrpcChannel? _reportingChannel;

    public string AppApiToken { get; } = "app-" + Guid.NewGuid().ToString("N");

    public string DaprApiToken { get; } = "dapr-" + Guid.NewGuid().ToString("N");

    public Ports CrimePorts { get; } = Ports.Allocate();

    public Ports ReportingPorts { get; } = Ports.Allocate();

    public Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresClient Crime { get; private set; } = null!;

    public Contracts.Reporting.V1.Reporting.ReportingClient Reporting { get; private set; } = null!;

    public Contracts.Reporting.V1.ReportingOperations.ReportingOperationsClient Operations { get; private set; } = null!;

    public string ReportingAppUrl => $"http://127.0.0.1:{ReportingPorts.AppHttp}";

    public string Diagnostics => string.Join(Environment.NewLine, _sidecars.Append(_crime).Append(_reporting).OfType<ManagedProcess>().Select(p => p.Output));

    public async Task InitializeAsync()
    {
        _sidecars.Add(StartSidecar("reporting", ReportingPorts, new()
        {
            ["Faults__Duplicate"] = "true",
            ["Faults__ReorderWindow"] = "4",
            ["Faults__MaxDelayMs"] = "40",
        }));
        _sidecars.Add(StartSidecar("crime-measures", CrimePorts, new()
        {
            ["Sidecar__Peers__0"] = $"http://127.0.0.1:{ReportingPorts.SidecarHttp}",
            ["Faults__FailFirstPublishes"] = RefusedPublishes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        _reporting = StartApp("reporting", BuiltApp.Reporting, ReportingPorts);
        _crime = StartApp("crime-measures", BuiltApp.CrimeMeasures, CrimePorts);

        foreach (var sidecar in _sidecars)
        {
            var ports = sidecar.Name.Contains("reporting", StringComparison.Ordinal) ? ReportingPorts : CrimePorts;
            await sidecar.WaitUntilAnswersAsync($"http://127.0.0.1:{ports.SidecarHttp}/v1.0/healthz", StartTimeout, 204);
        }

        await _reporting.WaitUntilAnswersAsync($"{ReportingAppUrl}/healthz", StartTimeout, 200);
        await _crime.WaitUntilAnswersAsync($"http://127.0.0.1:{CrimePorts.AppHttp}/healthz", StartTimeout, 200);
        await Eventually.WaitForAsync(() => SidecarStatsAsync(ReportingPorts), s => s.Discovered, StartTimeout, "the aggregator's subscriptions");

        _crimeChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{CrimePorts.AppGrpc}");
        _reportingChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{ReportingPorts.AppGrpc}");
        Crime = new(_crimeChannel);
        Reporting = new(_reportingChannel);
        Operations = new(_reportingChannel);
    }

    /// <summary>Waits on a condition; on timeout the failure carries every process's recent output.</summary>
    public async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await Eventually.WaitForAsync(probe, condition, timeout ?? TimeSpan.FromSeconds(90), what);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + Environment.NewLine + Diagnostics, ex);
        }
    }

    /// <summary>Kills the aggregator mid-stream; its sidecar keeps redelivering until it is back.</summary>
    public async Task StopReportingAsync()
    {
        await _reporting!.DisposeAsync();
    }

    public async Task StartReportingAgainAsync()
    {
        _reporting = StartApp("reporting", BuiltApp.Reporting, ReportingPorts);
        await _reporting.WaitUntilAnswersAsync($"{ReportingAppUrl}/healthz", StartTimeout, 200);
    }

    public async Task<SidecarStatsView> SidecarStatsAsync(Ports ports)
    {
        using var http = new HttpClient();
        return (await http.GetFromJsonAsync<SidecarStatsView>(new Uri($"http://127.0.0.1:{ports.SidecarHttp}/test/stats"), JsonSerializerOptions.Web))!;
    }

    /// <summary>A Dapr SDK client of a sidecar, as an app beside it would have.</summary>
    public DaprClient DaprClientOf(Ports ports) => new DaprClientBuilder()
        .UseGrpcEndpoint($"http://127.0.0.1:{ports.SidecarGrpc}")
        .UseHttpEndpoint($"http://127.0.0.1:{ports.SidecarHttp}")
        .UseDaprApiToken(DaprApiToken)
        .Build();

    public async Task DisposeAsync()
    {
        _crimeChannel?.Dispose();
        _reportingChannel?.Dispose();
        foreach (var process in _sidecars.Append(_crime).Append(_reporting).OfType<ManagedProcess>())
        {
            await process.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process; the temp directory is cleaned by the OS.
        }
    }

    private ManagedProcess StartSidecar(string appId, Ports ports, Dictionary<string, string> faults)
    {
        var environment = new Dictionary<string, string>(faults)
        {
            ["APP_ID"] = appId,
            ["APP_PORT"] = ports.AppHttp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DAPR_GRPC_PORT"] = ports.SidecarGrpc.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DAPR_HTTP_PORT"] = ports.SidecarHttp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["APP_API_TOKEN"] = AppApiToken,
            ["DAPR_API_TOKEN"] = DaprApiToken,
        };
        return ManagedProcess.Start($"sidecar of {appId}", BuiltApp.TestSidecar, environment);
    }

    private ManagedProcess StartApp(string appId, string dll, Ports ports) => ManagedProcess.Start(appId, dll, new Dictionary<string, string>
    {
        ["Endpoints__GrpcPort"] = ports.AppGrpc.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Endpoints__HttpPort"] = ports.AppHttp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Storage__Provider"] = "sqlite",
        ["Storage__DataDirectory"] = _dataDirectory,
        ["EventBus__Transport"] = "dapr",
        ["Outbox__InitialRetryDelay"] = "00:00:00.100",
        ["DAPR_GRPC_PORT"] = ports.SidecarGrpc.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DAPR_HTTP_PORT"] = ports.SidecarHttp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DAPR_API_TOKEN"] = DaprApiToken,
        ["APP_API_TOKEN"] = AppApiToken,
    });
}

/// <summary>An app's gRPC and HTTP ports and its sidecar's.</summary>
public sealed record Ports(int AppGrpc, int AppHttp, int SidecarGrpc, int SidecarHttp)
{
    public static Ports Allocate() => new(FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
}

public sealed record SidecarStatsView(
    bool Discovered,
    List<SubscriptionView> Subscriptions,
    int PublishesAccepted,
    int PublishesRefused,
    int PublishesWithTraceParent,
    int Pending,
    List<DeliveryView> Deliveries,
    List<DeadLetterView> DeadLettered);

public sealed record SubscriptionView(string PubSubName, string Topic, string Route, string? DeadLetterTopic);

public sealed record DeliveryView(string Id, string Topic, int Attempts, string Result);

public sealed record DeadLetterView(string Id, string Topic, string DeadLetterTopic, string Why);
