using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Partnership.Testing;

/// <summary>
/// One service run as a process beside its own test sidecar process (<c>testing/Partnership.TestSidecar</c>):
/// its Dapr app id, its folder under services/, the name the CLI's <c>--service</c> gives it (none for
/// the aggregator, and none for the justice board, whose returns these tests send as typed gRPC calls), and
/// its own and its sidecar's ports.
/// </summary>
public sealed record DaprApp(string AppId, string Folder, string? CliService)
{
    /// <summary>The built sidecar; a project that starts it references its project with <c>ReferenceOutputAssembly="false"</c>.</summary>
    public static readonly string SidecarAssembly = Path.Combine(
        RepositoryPaths.Root, "testing", "Partnership.TestSidecar", "bin", RepositoryPaths.Configuration, "net10.0", "Partnership.TestSidecar.dll");

    public Ports Ports { get; private set; } = Ports.Allocate();

    /// <summary>Fresh ports, for a start that lost one of its ports to another process (<see cref="PortRace"/>).</summary>
    public void ChooseNewPorts() => Ports = Ports.Allocate();

    public string GrpcUrl => $"http://127.0.0.1:{Ports.AppGrpc}";

    public string HttpUrl => $"http://127.0.0.1:{Ports.AppHttp}";

    public string SidecarHttpUrl => $"http://127.0.0.1:{Ports.SidecarHttp}";

    /// <summary>The service's built assembly, run with <c>dotnet</c>.</summary>
    public string AppAssembly => RepositoryPaths.ServiceAssembly(Folder, "Partnership." + Folder);

    /// <summary>The environment a test sidecar process beside this app starts with (daprd's names).</summary>
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
    /// The environment the service's process starts with: its ports, the store, publishing and
    /// subscribing through its sidecar with both tokens, and trust in the development issuer.
    /// </summary>
    public Dictionary<string, string?> AppEnvironment(TestStore store, string appApiToken, string daprApiToken)
    {
        var environment = new Dictionary<string, string?>(OwnProcess)
        {
            ["Endpoints__GrpcPort"] = Text(Ports.AppGrpc),
            ["Endpoints__HttpPort"] = Text(Ports.AppHttp),
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
