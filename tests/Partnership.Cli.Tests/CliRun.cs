using Partnership.Testing;

namespace Partnership.Cli.Tests;

/// <summary>The CLI run in process with its output captured: offline, or against services hosted in memory.</summary>
internal static class CliRun
{
    /// <summary>Options whose channel factory fails the test if the CLI tries to reach a server.</summary>
    public static CliOptions Offline() => new() { ChannelFactory = _ => throw new InvalidOperationException("The CLI must not contact the server here.") };

    public static async Task<(int Exit, string Out, string Error)> RunAsync(CliOptions options, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, options);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The CLI against the host's services, through its in-memory handler.</summary>
    public static async Task<(int Exit, string Out, string Error)> RunAsync(ExchangeHost host, params string[] args)
    {
        using var handler = host.CreateHandler();
        return await RunAsync(CliOptions.ForHandler(handler), [.. args, "--url", "http://localhost"]);
    }
}
