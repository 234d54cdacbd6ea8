using Partnership.Testing;

namespace Partnership.EndToEndTests;

/// <summary>
/// The README's first command as a real process: the local host on free loopback ports with its own
/// data directory, plus the partner CLI run against it as a separate process.
/// </summary>
public sealed class LocalExchange : IAsyncDisposable
{
    private readonly ServiceProcess _host;
    private readonly bool _ownsDataDirectory;

    private LocalExchange(ServiceProcess host, string dataDirectory, bool ownsDataDirectory, int grpcPort, int httpPort)
    {
        _host = host;
        _ownsDataDirectory = ownsDataDirectory;
        DataDirectory = dataDirectory;
        GrpcUrl = $"http://127.0.0.1:{grpcPort}";
        HttpUrl = $"http://127.0.0.1:{httpPort}";
    }

    public string DataDirectory { get; }

    public string GrpcUrl { get; }

    public string HttpUrl { get; }

    public string HostOutput => _host.Output;

    /// <summary>
    /// Starts the host. Given a <paramref name="dataDirectory"/> (a restart on an earlier run's data),
    /// the caller keeps it; otherwise the exchange makes its own and deletes it when disposed.
    /// </summary>
    public static async Task<LocalExchange> StartAsync(bool seedDemoData, string? dataDirectory = null, IDictionary<string, string?>? settings = null)
    {
        var ownsDataDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("partnership-e2e-").FullName;
        var grpcPort = FreePort.Next();
        var httpPort = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["Endpoints__GrpcPort"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Endpoints__HttpPort"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage__DataDirectory"] = dataDirectory,
            ["Demo__Seed"] = seedDemoData ? "true" : "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var host = ServiceProcess.Start(RepositoryPaths.ServiceAssembly("LocalHost", "Partnership.LocalHost"), [], environment);
        var exchange = new LocalExchange(host, dataDirectory, ownsDataDirectory, grpcPort, httpPort);
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

    /// <summary>SIGKILL: the host gets no chance to finish anything it was doing.</summary>
    public void Kill() => _host.Kill();

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        if (!_ownsDataDirectory)
        {
            return;
        }

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
