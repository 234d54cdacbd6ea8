using Grpc.Net.Client;

namespace Partnership.Cli;

/// <summary>What a host (the real process or a test) can change about how the CLI runs.</summary>
public sealed class CliOptions
{
    /// <summary>
    /// Creates the channel for an address. Null means a plain <see cref="GrpcChannel"/> over the
    /// network; tests supply one that talks to an in-memory server.
    /// </summary>
    public Func<Uri, GrpcChannel>? ChannelFactory { get; init; }

    /// <summary>Reads environment variables (PARTNERSHIP_URL); replaceable so tests need not touch the process's.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>"Now" for the return calendar (what is due, overdue or missing); tests pin it.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How long one call may take before the server counts as unreachable.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The width tables fit: the terminal's when standard output is one; null (a pipe, a file) keeps each row on one line.</summary>
    public int? Width { get; init; }

    /// <summary>Long work shows a spinner on standard error; only for a terminal, so pipes and tests read plain lines.</summary>
    public bool ShowProgress { get; init; }

    /// <summary>The options of the real process: the terminal's width and progress when there is a terminal to show them.</summary>
    public static CliOptions ForConsole() => new()
    {
        Width = Console.IsOutputRedirected ? null : TerminalWidth(),
        ShowProgress = !Console.IsErrorRedirected,
    };

    private static int? TerminalWidth()
    {
        try
        {
            return Console.WindowWidth is > 0 and var width ? width : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Sends every call through <paramref name="handler"/>, e.g. a WebApplicationFactory's server handler.</summary>
    public static CliOptions ForHandler(HttpMessageHandler handler) => new()
    {
        // The caller owns the handler; the CLI must not dispose it with the channel.
        ChannelFactory = address => GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = false }),
    };
}
