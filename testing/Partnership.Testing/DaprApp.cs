using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Partnership.Testing;

/// <summary>
/// One service run as a process beside its own test sidecar process (<c>testing/Partnership.TestSidecar</c>):
/// its Dapr app id, its folder under services/, the name the CLI's <c>--service</c> gives it (none for
/// the aggregator, and none for the justice board, whose returns these tests send as typed gRPC calls), and
/// its own and its sidecar's ports, which each bound for itself (port 0) and said.
/// </summary>
public sealed record DaprApp(string AppId, string Folder, string? CliService)
{
    /// <summary>The built sidecar; a project that starts it references its project with <c>ReferenceOutputAssembly="false"</c>.</summary>
    public static readonly string SidecarAssembly = Path.Combine(
        RepositoryPaths.Root, "testing", "Partnership.TestSidecar", "bin", RepositoryPaths.Configuration, "net10.0", "Partnership.TestSidecar.dll");

    /// <summary>The ports the app and its sidecar bound, read back once each listens (<see cref="KestrelBanner"/>).</summary>
    public Ports Ports { get; private set; } = Ports.Unbound;

    public string GrpcUrl => $"http://127.0.0.1:{Ports.AppGrpc}";

    public string HttpUrl => $"http://127.0.0.1:{Ports.AppHttp}";

    public string SidecarGrpcUrl => $"http://127.0.0.1:{Ports.SidecarGrpc}";

    public string SidecarHttpUrl => $"http://127.0.0.1:{Ports.SidecarHttp}";

    /// <summary>The service's built assembly, run with <c>dotnet</c>.</summary>
    public string AppAssembly => RepositoryPaths.ServiceAssembly(Folder, "Partnership." + Folder);

    /// <summary>
    /// The environment a test sidecar process beside this app starts with (daprd's names). A first
    /// sidecar binds port 0; one started again binds the ports it had (<see cref="PortRace"/>). APP_PORT
    /// is 0 until the app listens: the sidecar then waits for <see cref="AppListeningAsync(int, int)"/>.
    /// </summary>
    public Dictionary<string, string?> SidecarEnvironment(string appApiToken, string? daprApiToken) => new(OwnProcess)
    {
        ["APP_ID"] = AppId,
        ["APP_PORT"] = Text(Ports.AppHttp),
        ["DAPR_GRPC_PORT"] = Text(Ports.SidecarGrpc),
        ["DAPR_HTTP_PORT"] = Text(Ports.SidecarHttp),
        ["APP_API_TOKEN"] = appApiToken,
        ["DAPR_API_TOKEN"] = daprApiToken,
    };

    /// <summary>
    /// The environment the service's process starts with: port 0 for both its listeners, the store,
    /// publishing and subscribing through its sidecar (which must be listening) with both tokens, and
    /// trust in the development issuer.
    /// </summary>
    public Dictionary<string, string?> AppEnvironment(TestStore store, string appApiToken, string daprApiToken)
    {
        if (Ports.SidecarGrpc == 0)
        {
            throw new InvalidOperationException($"The sidecar of {AppId} must listen before the app starts: the app is given its ports.");
        }

        var environment = new Dictionary<string, string?>(OwnProcess)
        {
            ["Endpoints__GrpcPort"] = "0",
            ["Endpoints__HttpPort"] = "0",
            ["EventBus__Transport"] = "dapr",
            ["DAPR_GRPC_PORT"] = Text(Ports.SidecarGrpc),
            ["DAPR_HTTP_PORT"] = Text(Ports.SidecarHttp),
            ["DAPR_API_TOKEN"] = daprApiToken,
            ["APP_API_TOKEN"] = appApiToken,
        };
        foreach (var (key, value) in store.EnvironmentVariables.Concat(TestTokens.EnvironmentVariables))
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>Reads back the ports a sidecar process beside this app bound.</summary>
    public async Task SidecarListeningAsync(ServiceProcess sidecar, TimeSpan timeout)
    {
        var (grpc, http) = await KestrelBanner.WaitForPortsAsync(sidecar, timeout);
        Ports = Ports with { SidecarGrpc = grpc, SidecarHttp = http };
    }

    /// <summary>The sidecar is gone for good (its ports may be anyone's now); the next one binds port 0.</summary>
    public void ForgetSidecarPorts() => Ports = Ports with { SidecarGrpc = 0, SidecarHttp = 0 };

    /// <summary>
    /// Starts the sidecar again on the ports the running app was given (it read them once, as daprd's
    /// contract has it). Another process may have taken one meanwhile (<see cref="PortRace"/>); then a
    /// sidecar binds new ones and the app is started again with them, its outbox keeping what waits: a
    /// weaker test, but not a false failure.
    /// </summary>
    /// <param name="startSidecar">Starts a sidecar process beside this app, on <see cref="Ports"/>.</param>
    /// <param name="listening">Waits for a sidecar to listen and reads back its ports (<see cref="SidecarListeningAsync"/>).</param>
    /// <param name="restartApp">Stops the app and starts it again with the new sidecar's ports.</param>
    public async Task StartSidecarAgainAsync(Func<ServiceProcess> startSidecar, Func<ServiceProcess, Task> listening, Func<Task> restartApp)
    {
        var sidecar = startSidecar();
        try
        {
            await listening(sidecar);
        }
        catch (ProcessExitedException) when (PortRace.Lost(sidecar))
        {
            ForgetSidecarPorts();
            await listening(startSidecar());
            await restartApp();
        }
    }

    /// <summary>Reads back the ports the app's process bound and tells its sidecar.</summary>
    public async Task AppListeningAsync(ServiceProcess app, TimeSpan timeout)
    {
        var (grpc, http) = await KestrelBanner.WaitForPortsAsync(app, timeout);
        await AppListeningAsync(grpc, http);
    }

    /// <summary>Where the app listens (a first start, or a restart on new ports); its running sidecar is told.</summary>
    public async Task AppListeningAsync(int grpcPort, int httpPort)
    {
        AppListening(grpcPort, httpPort);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.PostAsJsonAsync(new Uri($"{SidecarHttpUrl}/test/app-port"), new { port = httpPort });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Where the app listens, for a sidecar not running now: the next one starts with it as APP_PORT.</summary>
    public void AppListening(int grpcPort, int httpPort) => Ports = Ports with { AppGrpc = grpcPort, AppHttp = httpPort };

    /// <summary>What the sidecar beside this app has done (its <c>GET /test/stats</c>).</summary>
    public async Task<SidecarStatsView> SidecarStatsAsync()
    {
        using var http = new HttpClient();
        return (await http.GetFromJsonAsync<SidecarStatsView>(new Uri($"{SidecarHttpUrl}/test/stats"), JsonSerializerOptions.Web))!;
    }

    /// <summary>The sidecar's <c>/v1.0/healthz</c>: 204 once it listens.</summary>
    public Task<HttpStatusCode> SidecarHealthAsync() => StatusAsync($"{SidecarHttpUrl}/v1.0/healthz");

    /// <summary>The app's <c>/healthz</c>: 200 once it listens.</summary>
    public Task<HttpStatusCode> HealthAsync() => StatusAsync($"{HttpUrl}/healthz");

    public Task<HttpStatusCode> ReadinessAsync() => StatusAsync($"{HttpUrl}/readyz");

    // Neither a service nor a sidecar may pick up the test runner's own URLs or environment name.
    private static Dictionary<string, string?> OwnProcess => new()
    {
        ["ASPNETCORE_URLS"] = null,
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    private static async Task<HttpStatusCode> StatusAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri(url));
        return response.StatusCode;
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
