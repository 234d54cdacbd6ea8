using System.Globalization;
using System.Text.RegularExpressions;

namespace Partnership.Testing;

/// <summary>
/// What Kestrel logs as it binds each listener ("Now listening on: http://127.0.0.1:40123"), in the order
/// the listeners are configured: a service's gRPC port, then its HTTP port (UsePartnershipEndpoints), and
/// the test sidecar's likewise. A process started on port 0 binds free ports itself, so no other process
/// can take them between choosing and binding; these read the ports back, as <see cref="LocalHostBanner"/>
/// does for the local host.
/// </summary>
public static partial class KestrelBanner
{
    /// <summary>The ports named so far, in the order they were bound.</summary>
    public static IReadOnlyList<int> Ports(string output) =>
        [.. Line().Matches(output).Select(m => int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture))];

    /// <summary>
    /// Waits until the process has named its gRPC and HTTP ports. A process that exits first (a port it
    /// was told to bind was taken, a bad setting) fails the wait at once, with its output.
    /// </summary>
    public static async Task<(int Grpc, int Http)> WaitForPortsAsync(ServiceProcess process, TimeSpan timeout)
    {
        var ports = await Eventually.WaitForAsync(
            () => Task.FromResult(process.HasExited ? null : Ports(process.Output)),
            ports => ports is null || ports.Count >= 2,
            timeout,
            $"process {process.Id} to say where it listens");
        return ports is null
            ? throw new ProcessExitedException($"Process {process.Id} exited before it listened:{Environment.NewLine}{process.FinalOutput()}")
            : (ports[0], ports[1]);
    }

    [GeneratedRegex(@"Now listening on: https?://\S+:(?<port>\d+)/?\s*$", RegexOptions.Multiline)]
    private static partial Regex Line();
}

/// <summary>A child process ended while it was expected to start.</summary>
public sealed class ProcessExitedException(string message) : Exception(message);
