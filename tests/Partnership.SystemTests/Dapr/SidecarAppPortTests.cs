using System.Text;
using Dapr.Client;
using Partnership.Testing;

namespace Partnership.SystemTests.Dapr;

/// <summary>
/// Every process binds port 0, so a sidecar starts before its app knows where the app listens: it
/// must hold what is published until it is told (as daprd waits for its app), and follow the app to
/// new ports when the app is started again.
/// </summary>
[Collection(DaprCollection.Name)]
[Trait(Lane.Key, Lane.System)]
public sealed class SidecarAppPortTests : IAsyncLifetime
{
    private const string PubSub = "app-port-pubsub";
    private const string Topic = "app-port";
    private const string Route = "/app-port";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly DaprApp _app = new("app-port-app", "", null);
    private readonly string _daprApiToken = "dapr-" + Guid.NewGuid().ToString("N");
    private ServiceProcess _sidecar = null!;

    public async Task InitializeAsync()
    {
        _sidecar = ServiceProcess.Start(DaprApp.SidecarAssembly, [], _app.SidecarEnvironment("app-" + Guid.NewGuid().ToString("N"), _daprApiToken));
        await _app.SidecarListeningAsync(_sidecar, Patience);
    }

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    [Fact]
    public async Task SidecarStartedFirst_HoldsEventsUntilToldThePort_ThenFollowsTheAppToNewPorts()
    {
        using var dapr = new DaprClientBuilder().UseGrpcEndpoint(_app.SidecarGrpcUrl).UseDaprApiToken(_daprApiToken).Build();
        await using (var first = await SubscriberApp.StartAsync(PubSub, Topic, Route))
        {
            await dapr.PublishByteEventAsync(PubSub, Topic, Encoding.UTF8.GetBytes("before"), "text/plain");

            // Not told where the app is, the sidecar cannot have asked it anything.
            var untold = await _app.SidecarStatsAsync();
            Assert.Equal((1, false), (untold.PublishesAccepted, untold.Discovered));
            Assert.Empty(first.Delivered);

            await _app.AppListeningAsync(grpcPort: 0, httpPort: first.Port);
            await DeliveredAsync(first, "before");
        }

        // The app again, on a port of its own choosing: what is published now goes there.
        await using var second = await SubscriberApp.StartAsync(PubSub, Topic, Route);
        await _app.AppListeningAsync(grpcPort: 0, httpPort: second.Port);
        await dapr.PublishByteEventAsync(PubSub, Topic, Encoding.UTF8.GetBytes("after"), "text/plain");
        await DeliveredAsync(second, "after");
    }

    private static Task<string[]> DeliveredAsync(SubscriberApp app, string data) =>
        Eventually.WaitForAsync(
            () => Task.FromResult(app.Delivered.Select(e => e["data"]!.GetValue<string>()).ToArray()),
            d => d.SequenceEqual([data]),
            Patience,
            $"'{data}' at the app on port {app.Port}");
}
