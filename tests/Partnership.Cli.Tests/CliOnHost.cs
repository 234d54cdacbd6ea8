using Partnership.Testing;

namespace Partnership.Cli.Tests;

/// <summary>
/// Crime measures and the aggregator in process, a temporary directory for the files a test writes,
/// and the CLI run against the host: for the tests that submit Bradford's return and read what the
/// report makes of it.
/// </summary>
internal sealed class CliOnHost : IAsyncDisposable
{
    private readonly ExchangeHost _host;
    private readonly int? _width;

    private CliOnHost(ExchangeHost host, string directory, int? width)
    {
        _host = host;
        Directory = directory;
        _width = width;
    }

    public string Directory { get; }

    /// <summary>Starts the host and submits a return of these CSV lines (the header first) as <c>bradford.csv</c>.</summary>
    /// <param name="width">The terminal's width the CLI's tables fit; null for a pipe's.</param>
    public static async Task<CliOnHost> StartAsync(string directoryPrefix, int? width, params string[] bradford)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory(directoryPrefix).FullName;
        var cli = new CliOnHost(await ExchangeHost.StartAsync(ExchangeServices.CrimeMeasures | ExchangeServices.Reporting), directory, width);
        try
        {
            var file = Path.Combine(directory, "bradford.csv");
            File.WriteAllLines(file, bradford);
            var submitted = await cli.RunAsync("submit", file);
            Assert.True(submitted.Exit == ExitCodes.Success, submitted.Error);
            return cli;
        }
        catch
        {
            await cli.DisposeAsync();
            throw;
        }
    }

    public async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        using var handler = _host.CreateHandler();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var options = new CliOptions { ChannelFactory = CliOptions.ForHandler(handler).ChannelFactory, Width = _width };
        var exit = await CliApp.RunAsync([.. args, "--url", "http://localhost"], output, error, options);
        return (exit, output.ToString(), error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
