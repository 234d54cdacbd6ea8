using Partnership.Testing;

namespace Partnership.EndToEndTests;

/// <summary>
/// The README's first command as a real process: the local host on free loopback ports with its own
/// data directory, plus the partner CLI run against it as a separate process.
/// </summary>
public sealed class LocalExchange : IAsyncDisposable
{
    private readonly ServiceProcess _host;

    private LocalExchange(ServiceProcess host, string dataDirectory, int grpcPort, int httpPort)
    {
        _host = host;
        DataDirectory = dataDirectory;
        GrpcUrl = $"http://127.0.0.1:{grpcPort}";
        HttpUrl = $"http://127.0.0.1:{httpPort}";
    }

    public string DataDirectory { get; }

    public string GrpcUrl { get; }

    public string HttpUrl { get; }

    public string HostOutput => _host.Output;

    public static async Task<LocalExchange> StartAsync(bool seedDemoData)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("partnership-e2e-").FullName;
        var grpcPort = FreePort.Next();
        var httpPort = FreePort.Next();
        var host = ServiceProcess.Start(
            RepositoryPaths.ServiceAssembly("LocalHost", "Partnership.LocalHost"),
            [],
            new Dictionary<string, string?>
            {
                ["Endpoints__GrpcPort"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Endpoints__HttpPort"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Storage__DataDirectory"] = dataDirectory,
                ["Demo__Seed"] = seedDemoData ? "true" : "false",
            });
        var exchange = new LocalExchange(host, dataDirectory, grpcPort, httpPort);
        try
        {
            // The host prints where to look once it is ready (and any demo data is in).
            await host.WaitForOutputAsync("Partnership Data Exchange is running", TimeSpan.FromSeconds(90));
        }
        catch
        {
            await exchange.DisposeAsync();
            throw;
        }

        return exchange;
    }

    /// <summary>Runs the partner CLI against this exchange, with a token allowed everything.</summary>
    public Task<(int ExitCode, string Output)> CliAsync(params string[] arguments) => CliWithTokenAsync(TestTokens.Trusted(), arguments);

    /// <summary>Runs the partner CLI against this exchange with the given token (none when null).</summary>
    public Task<(int ExitCode, string Output)> CliWithTokenAsync(string? token, params string[] arguments) =>
        ServiceProcess.RunAsync(
            RepositoryPaths.ServiceAssembly("Cli", "partnership"),
            [.. arguments, "--url", GrpcUrl],
            new Dictionary<string, string?> { ["PARTNERSHIP_TOKEN"] = token },
            timeout: TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying process; the OS temp cleaner will have it.
        }
    }
}
