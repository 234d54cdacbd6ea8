using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Partnership.Testing;

namespace Partnership.SystemTests;

/// <summary>How the multi-process fixtures recover when a port chosen in advance is taken before a child binds it.</summary>
[Trait(Lane.Key, Lane.System)]
public sealed class PortRaceTests
{
    [Fact]
    public async Task RetryAsync_LostTwiceThenStarts_StartsThreeTimesAndUndoesTwice()
    {
        var (starts, undos) = (0, 0);

        await PortRace.RetryAsync(
            3,
            () => ++starts < 3 ? throw new PortRaceLostException("taken") : Task.CompletedTask,
            () => Task.FromResult(++undos));

        Assert.Equal((3, 2), (starts, undos));
    }

    [Fact]
    public async Task RetryAsync_LostEveryTime_GivesUpAfterTheLastAttempt()
    {
        var starts = 0;

        await Assert.ThrowsAsync<PortRaceLostException>(() => PortRace.RetryAsync(
            3,
            () => Task.FromException(new PortRaceLostException($"taken {++starts}")),
            () => Task.CompletedTask));

        Assert.Equal(3, starts);
    }

    [Fact]
    public async Task RetryAsync_OtherFailure_NotRetried()
    {
        var starts = 0;

        await Assert.ThrowsAsync<TimeoutException>(() => PortRace.RetryAsync(
            3,
            () => Task.FromException(new TimeoutException($"no answer {++starts}")),
            () => Task.CompletedTask));

        Assert.Equal(1, starts);
    }

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
