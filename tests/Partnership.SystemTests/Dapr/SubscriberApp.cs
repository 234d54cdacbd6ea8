using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Partnership.SystemTests.Dapr;

/// <summary>
/// An app hosted in the test process on a port it binds itself (port 0) that subscribes to one topic
/// and keeps the CloudEvents a sidecar delivers to it.
/// </summary>
public sealed class SubscriberApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SubscriberApp(WebApplication app) => _app = app;

    /// <summary>The port it bound, once started.</summary>
    public int Port => new Uri(_app.Urls.Single()).Port;

    public ConcurrentQueue<JsonObject> Delivered { get; } = new();

    public static async Task<SubscriberApp> StartAsync(string pubSub, string topic, string route)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var web = builder.Build();
        var subscriber = new SubscriberApp(web);
        web.MapGet("/dapr/subscribe", () => Results.Json(new[] { new { pubsubName = pubSub, topic, route } }));
        web.MapPost(route, async (HttpRequest request) =>
        {
            subscriber.Delivered.Enqueue((await JsonNode.ParseAsync(request.Body))!.AsObject());
            return Results.Ok();
        });
        await web.StartAsync();
        return subscriber;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
