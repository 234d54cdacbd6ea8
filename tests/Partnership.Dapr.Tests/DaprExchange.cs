using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.Client;
using Grpc.Net.Client;
using Partnership.Testing;

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

    private static readonly string SidecarAssembly = Path.Combine(
        RepositoryPaths.Root, "tests", "Partnership.TestSidecar", "bin", RepositoryPaths.Configuration, "net10.0", "Partnership.TestSidecar.dll");

    private readonly TestStore _store = TestStore.Sqlite();
    private readonly List<(string Name, ServiceProcess Process)> _processes = [];
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

    public string CrimeGrpcUrl => $"http://127.0.0.1:{CrimePorts.AppGrpc}";

    public string Diagnostics => string.Join(Environment.NewLine, _processes.Select(p => $"--- {p.Name} (pid {p.Process.Id}) ---{Environment.NewLine}{p.Process.Output}"));

    public async Task InitializeAsync()
    {
        StartSidecar("reporting", ReportingPorts, new()
        {
            ["Faults__Duplicate"] = "true",
            ["Faults__ReorderWindow"] = "4",
            ["Faults__MaxDelayMs"] = "40",
        });
        StartSidecar("crime-measures", CrimePorts, new()
        {
            ["Sidecar__Peers__0"] = $"http://127.0.0.1:{ReportingPorts.SidecarHttp}",
            ["Faults__FailFirstPublishes"] = RefusedPublishes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        StartApp("reporting", RepositoryPaths.ServiceAssembly("Reporting", "Partnership.Reporting"), ReportingPorts);
        StartApp("crime-measures", RepositoryPaths.ServiceAssembly("CrimeMeasures", "Partnership.CrimeMeasures"), CrimePorts);

        foreach (var ports in new[] { ReportingPorts, CrimePorts })
        {
            await AnswersAsync($"http://127.0.0.1:{ports.SidecarHttp}/v1.0/healthz", HttpStatusCode.NoContent);
            await AnswersAsync($"http://127.0.0.1:{ports.AppHttp}/healthz", HttpStatusCode.OK);
        }

        await WaitForAsync(() => SidecarStatsAsync(ReportingPorts), s => s.Discovered, "the aggregator's subscriptions", StartTimeout);

        // Partners' calls carry a development token allowed everything; the sidecar's carry the app token.
        _crimeChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{CrimePorts.AppGrpc}", new GrpcChannelOptions { HttpHandler = new BearerTokenHandler(TestTokens.Trusted(), new SocketsHttpHandler()) });
        _reportingChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{ReportingPorts.AppGrpc}", new GrpcChannelOptions { HttpHandler = new BearerTokenHandler(TestTokens.Trusted(), new SocketsHttpHandler()) });
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
    public void StopReporting() => _processes.Single(p => p.Name == "reporting" && !p.Process.HasExited).Process.Kill();

    public async Task StartReportingAgainAsync()
    {
        StartApp("reporting", RepositoryPaths.ServiceAssembly("Reporting", "Partnership.Reporting"), ReportingPorts);
        await AnswersAsync($"{ReportingAppUrl}/healthz", HttpStatusCode.OK);
    }

    /// <summary>Submits a return file with the partner CLI, as a partner would, to the crime measures service.</summary>
    public async Task SubmitWithCliAsync(string csv)
    {
        var file = Path.Combine(_store.Settings["Storage:DataDirectory"]!, Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllTextAsync(file, csv);
        var (exitCode, output) = await ServiceProcess.RunAsync(RepositoryPaths.ServiceAssembly("Cli", "partnership"), ["submit", file, "--url", CrimeGrpcUrl], new Dictionary<string, string?> { ["PARTNERSHIP_TOKEN"] = TestTokens.Trusted() });
        Assert.True(exitCode == 0, $"partnership submit exited with {exitCode}:{Environment.NewLine}{output}");
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
        foreach (var (_, process) in _processes)
        {
            await process.DisposeAsync();
        }

        _store.Dispose();
    }

    private Task AnswersAsync(string url, HttpStatusCode status) => WaitForAsync(
        async () =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            using var response = await http.GetAsync(new Uri(url));
            return response.StatusCode;
        },
        answer => answer == status,
        $"{url} to answer {(int)status}",
        StartTimeout);

    private void Start(string name, string assembly, Dictionary<string, string?> environment)
    {
        // A service must not pick up the test runner's own URLs or environment name.
        environment["ASPNETCORE_URLS"] = null;
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        _processes.Add((name, ServiceProcess.Start(assembly, [], environment)));
    }

    private void StartSidecar(string appId, Ports ports, Dictionary<string, string?> faults)
    {
        var environment = new Dictionary<string, string?>(faults)
        {
            ["APP_ID"] = appId,
            ["APP_PORT"] = ports.AppHttp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DAPR_GRPC_PORT"] = ports.SidecarGrpc.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DAPR_HTTP_PORT"] = ports.SidecarHttp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["APP_API_TOKEN"] = AppApiToken,
            ["DAPR_API_TOKEN"] = DaprApiToken,
        };
        Start($"sidecar of {appId}", SidecarAssembly, environment);
    }

    private void StartApp(string appId, string assembly, Ports ports) => Start(appId, assembly, new Dictionary<string, string?>(_store.EnvironmentVariables)
    {
        ["Endpoints__GrpcPort"] = ports.AppGrpc.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Endpoints__HttpPort"] = ports.AppHttp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["EventBus__Transport"] = "dapr",
        ["Outbox__InitialRetryDelay"] = "00:00:00.100",
        ["DAPR_GRPC_PORT"] = ports.SidecarGrpc.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DAPR_HTTP_PORT"] = ports.SidecarHttp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DAPR_API_TOKEN"] = DaprApiToken,
        ["APP_API_TOKEN"] = AppApiToken,
        ["Auth__DevelopmentIssuer__Enabled"] = "true",
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
