using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Partnership.Testing;

namespace Partnership.SystemTests;

/// <summary>How the Dapr fixtures tell a sidecar started again on its former ports, one of them taken meanwhile, from other failures.</summary>
[Trait(Lane.Key, Lane.System)]
public sealed class PortRaceTests
{
    [Fact]
    public async Task Lost_SidecarGivenATakenPort_SeesTheBindFailure()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var app = new DaprApp("port-race", "CrimeMeasures", null);
        var environment = app.SidecarEnvironment("app-token", "dapr-token");
        environment["DAPR_HTTP_PORT"] = ((IPEndPoint)squatter.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        await using var sidecar = ServiceProcess.Start(DaprApp.SidecarAssembly, [], environment);
        await Eventually.WaitForAsync(() => Task.FromResult(sidecar.HasExited), exited => exited, TimeSpan.FromSeconds(60), "the sidecar to exit");

        Assert.True(PortRace.Lost(sidecar), $"exit {sidecar.ExitCode}: {sidecar.Output}");
    }

    [Fact]
    public void Lost_RunningOrOtherFailure_False()
    {
        Assert.False(PortRace.Lost(hasExited: false, "Failed to bind to address http://127.0.0.1:1: address already in use."));
        Assert.False(PortRace.Lost(hasExited: true, "Unhandled exception. System.InvalidOperationException: no store"));
    }
}
