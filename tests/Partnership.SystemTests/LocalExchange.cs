using Partnership.Testing;

namespace Partnership.SystemTests;

/// <summary>
/// The README's first command as a real process: the local host on free loopback ports with its own
/// store (SQLite files or databases on a throwaway PostgreSQL), plus the partner CLI run against it as
/// a separate process.
/// </summary>
public sealed class LocalExchange : IAsyncDisposable
{
    private readonly ServiceProcess _host;

    private LocalExchange(ServiceProcess host) => _host = host;

    /// <summary>The gRPC address the host printed once it had bound its port.</summary>
    public string GrpcUrl { get; private set; } = "";

    /// <summary>The HTTP address the host printed once it had bound its port.</summary>
    public string HttpUrl { get; private set; } = "";

    public string HostOutput => _host.Output;

    /// <summary>
    /// Starts the host on <paramref name="store"/>, which the caller owns: a second start on the same
    /// store is a restart on the first run's data.
    /// </summary>
    public static async Task<LocalExchange> StartAsync(TestStore store, bool seedDemoData, IDictionary<string, string?>? settings = null)
    {
        var environment = new Dictionary<string, string?>(store.EnvironmentVariables)
        {
            // Port 0: the host binds free ports itself and prints the addresses it got.
            ["Endpoints__GrpcPort"] = "0",
            ["Endpoints__HttpPort"] = "0",
            ["Demo__Seed"] = seedDemoData ? "true" : "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var host = ServiceProcess.Start(RepositoryPaths.ServiceAssembly("LocalHost", "Partnership.LocalHost"), [], environment);
        var exchange = new LocalExchange(host);
        try
        {
            // The host prints where to look once it is ready (and any demo data is in); the banner's
            // last line means its addresses are all in.
            await host.WaitForOutputAsync(LocalHostBanner.LastLine, TimeSpan.FromMinutes(6));
            exchange.GrpcUrl = LocalHostBanner.GrpcAddress(host.Output);
            exchange.HttpUrl = LocalHostBanner.HttpAddress(host.Output);
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

    /// <summary>A measure's county value in West Yorkshire's rollup for a period, as the CLI's CSV gives it (null when absent).</summary>
    public async Task<decimal?> CountyValueAsync(string measureId, string period)
    {
        var report = await CliAsync("report", "--area", Areas.WestYorkshire, "--period", period, "--format", "csv");
        Assert.True(report.ExitCode == 0, report.Output);
        var row = report.Output.Split('\n', StringSplitOptions.TrimEntries).SingleOrDefault(l => l.StartsWith(measureId + ",", StringComparison.Ordinal));
        return row is null ? null : decimal.Parse(row.Split(',')[4], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>SIGKILL: the host gets no chance to finish anything it was doing.</summary>
    public void Kill() => _host.Kill();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
