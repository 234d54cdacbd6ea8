using System.Text;
using System.Text.Json.Nodes;
using Dapr.Client;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Partnership.Testing;
using DaprService = Dapr.Client.Autogen.Grpc.v1.Dapr;

namespace Partnership.SystemTests.Dapr;

/// <summary>
/// The test sidecar serves daprd's own contract, from the Dapr.Protos package: what the Dapr SDK and
/// daprd's generated client send reaches its broker and the app intact, and a method of daprd's
/// service the sidecar does not serve answers UNIMPLEMENTED, as daprd does for a feature it lacks.
/// One sidecar process, and an app hosted in this process that subscribes to one topic.
/// </summary>
[Collection(DaprCollection.Name)]
[Trait(Lane.Key, Lane.System)]
public sealed class SidecarContractTests : IAsyncLifetime
{
    private const string PubSub = "contract-pubsub";
    private const string Topic = "contract";
    private const string Route = "/contract";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // No service of the exchange: the app is hosted here, so only its ports and sidecar settings are used.
    private readonly DaprApp _app = new("contract-app", "", null);
    private readonly string _daprApiToken = "dapr-" + Guid.NewGuid().ToString("N");
    private SubscriberApp _subscriber = null!;
    private ServiceProcess _sidecar = null!;

    public async Task InitializeAsync()
    {
        _subscriber = await SubscriberApp.StartAsync(PubSub, Topic, Route);
        // The app listens first here, so its sidecar starts with APP_PORT, as under daprd.
        _app.AppListening(grpcPort: 0, httpPort: _subscriber.Port);

        _sidecar = ServiceProcess.Start(DaprApp.SidecarAssembly, [], _app.SidecarEnvironment("app-" + Guid.NewGuid().ToString("N"), _daprApiToken));
        await _app.SidecarListeningAsync(_sidecar, Patience);
        await Eventually.WaitForAsync(_app.SidecarStatsAsync, s => s.Discovered, Patience, "the sidecar to discover the app's subscription");
    }

    public async Task DisposeAsync()
    {
        await _sidecar.DisposeAsync();
        await _subscriber.DisposeAsync();
    }

    [Fact]
    public async Task PublishAndBulkPublish_ThroughTheDaprSdk_ReachTheBrokerAndTheApp()
    {
        using var dapr = new DaprClientBuilder().UseGrpcEndpoint(_app.SidecarGrpcUrl).UseDaprApiToken(_daprApiToken).Build();

        await dapr.PublishByteEventAsync(PubSub, Topic, Encoding.UTF8.GetBytes("single"), "text/plain");
        var bulk = await dapr.BulkPublishEventAsync(PubSub, Topic, ["first of a bulk", "second of a bulk"]);

        Assert.Empty(bulk.FailedEntries);
        var delivered = await DeliveredAsync(3);
        Assert.Equal(["first of a bulk", "second of a bulk", "single"], delivered.Select(e => e["data"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(delivered, e => Assert.Equal(PubSub, e["pubsubname"]!.GetValue<string>()));
        Assert.Equal(3, (await _app.SidecarStatsAsync()).PublishesAccepted);
    }

    [Fact]
    public async Task DaprdsGeneratedClient_PublishesAndAMethodTheSidecarLacks_AnswersUnimplemented()
    {
        using var channel = GrpcChannel.ForAddress(_app.SidecarGrpcUrl);
        var daprd = new DaprService.DaprClient(channel);
        var token = new Metadata { { "dapr-api-token", _daprApiToken } };

        await daprd.PublishEventAsync(
            new PublishEventRequest { PubsubName = PubSub, Topic = Topic, Data = ByteString.CopyFromUtf8("raw"), DataContentType = "text/plain" },
            token);
        var missing = await Assert.ThrowsAsync<RpcException>(() => daprd.GetStateAsync(new GetStateRequest { StoreName = "statestore", Key = "key" }, token).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, missing.StatusCode);
        Assert.Equal("raw", (await DeliveredAsync(1)).Single()["data"]!.GetValue<string>());
    }

    private Task<JsonObject[]> DeliveredAsync(int count) =>
        Eventually.WaitForAsync(() => Task.FromResult(_subscriber.Delivered.ToArray()), d => d.Length == count, Patience, $"{count} event(s) at the app");
}
