using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Partnership.TestSidecar;

/// <summary>What the app made of one delivery, in daprd's terms.</summary>
public enum AppAnswer
{
    Success,
    Retry,
    Drop,
    NotFound,
    Unreachable,
}

/// <summary>
/// The sidecar-to-app half of the protocol: subscription discovery at <c>GET /dapr/subscribe</c>, and
/// delivery of CloudEvents to the subscribed routes, each call carrying <c>dapr-api-token</c> when
/// <c>APP_API_TOKEN</c> is set. The app's port comes from <c>APP_PORT</c> or, for an app started
/// after its sidecar on a port of its own choosing, from <see cref="UseAppPort"/>; until it is known
/// nothing is discovered or delivered, as daprd waits for its app.
/// </summary>
public sealed partial class AppChannel(IHttpClientFactory httpClients, SidecarOptions options, ILogger<AppChannel> logger)
{
    private readonly TaskCompletionSource<IReadOnlyList<Subscription>> _subscriptions = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _appPortKnown = Known(options.AppPort);
    private int _appPort = options.AppPort;

    public bool Discovered => _subscriptions.Task.IsCompleted;

    public IReadOnlyList<Subscription> Subscriptions => Discovered ? _subscriptions.Task.Result : [];

    public Task<IReadOnlyList<Subscription>> WhenDiscoveredAsync(CancellationToken cancellationToken) => _subscriptions.Task.WaitAsync(cancellationToken);

    /// <summary>Where the app listens from now on: its first port, or a new one after it was restarted.</summary>
    public void UseAppPort(int port)
    {
        Volatile.Write(ref _appPort, port);
        _appPortKnown.TrySetResult();
        LogAppPort(options.AppId, port);
    }

    /// <summary>Asks the app for its subscriptions until it answers, as daprd waits for its app to start.</summary>
    public async Task DiscoverAsync(CancellationToken cancellationToken)
    {
        await _appPortKnown.Task.WaitAsync(cancellationToken);
        // The app gives no signal when it starts listening, so discovery polls it, as daprd does, until
        // it answers; the timer is the poll's interval, the loop ends on that answer.
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        do
        {
            try
            {
                using var request = Request(HttpMethod.Get, "/dapr/subscribe");
                using var response = await httpClients.CreateClient("app").SendAsync(request, cancellationToken);
                // An app without subscriptions answers 404; it still has started.
                var found = response.IsSuccessStatusCode
                    ? Parse(await response.Content.ReadAsStringAsync(cancellationToken))
                    : [];
                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
                {
                    LogDiscovered(options.AppId, found.Count);
                    _subscriptions.TrySetResult(found);
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The app is not listening yet.
            }
        }
        while (await poll.WaitForNextTickAsync(cancellationToken));
    }

    public async Task<AppAnswer> DeliverAsync(string route, BrokerMessage message, CancellationToken cancellationToken)
    {
        try
        {
            using var request = Request(HttpMethod.Post, route);
            request.Content = new StringContent(message.Envelope, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
            if (message.TraceParent is { } traceParent)
            {
                request.Headers.TryAddWithoutValidation("traceparent", traceParent);
            }

            if (message.TraceState is { } traceState)
            {
                request.Headers.TryAddWithoutValidation("tracestate", traceState);
            }

            using var response = await httpClients.CreateClient("app").SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return AppAnswer.NotFound;
            }

            if (!response.IsSuccessStatusCode)
            {
                return AppAnswer.Retry;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return StatusOf(body);
        }
        catch (HttpRequestException)
        {
            return AppAnswer.Unreachable;
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri($"http://127.0.0.1:{Volatile.Read(ref _appPort)}{path}"));
        if (!string.IsNullOrEmpty(options.AppApiToken))
        {
            request.Headers.TryAddWithoutValidation("dapr-api-token", options.AppApiToken);
        }

        return request;
    }

    /// <summary>2xx with an empty body or SUCCESS is done; RETRY again; DROP dead-letters.</summary>
    private static AppAnswer StatusOf(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return AppAnswer.Success;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.String)
            {
                return status.GetString()!.ToUpperInvariant() switch
                {
                    "RETRY" => AppAnswer.Retry,
                    "DROP" => AppAnswer.Drop,
                    _ => AppAnswer.Success,
                };
            }
        }
        catch (JsonException)
        {
            // daprd treats a 2xx it cannot read as success.
        }

        return AppAnswer.Success;
    }

    private static List<Subscription> Parse(string json)
    {
        var result = new List<Subscription>();
        using var document = JsonDocument.Parse(json);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var route = Text(item, "route");
            if (route is null && item.TryGetProperty("routes", out var routes))
            {
                route = Text(routes, "default");
                if (route is null && routes.TryGetProperty("rules", out var rules) && rules.GetArrayLength() > 0)
                {
                    route = Text(rules[0], "path");
                }
            }

            route ??= "/" + Text(item, "topic");
            result.Add(new Subscription(
                Text(item, "pubsubName") ?? "",
                Text(item, "topic") ?? "",
                route.StartsWith('/') ? route : "/" + route,
                Text(item, "deadLetterTopic")));
        }

        return result;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static TaskCompletionSource Known(int appPort)
    {
        var known = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (appPort > 0)
        {
            known.SetResult();
        }

        return known;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "App {AppId} listens on port {Port}")]
    private partial void LogAppPort(string appId, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "App {AppId} has {Count} subscription(s)")]
    private partial void LogDiscovered(string appId, int count);
}
