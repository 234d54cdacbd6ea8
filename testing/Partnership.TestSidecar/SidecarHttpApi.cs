namespace Partnership.TestSidecar;

public static class SidecarHttpApi
{
    /// <summary>Tells the sidecar its app's HTTP port: <c>{"port": 40123}</c>.</summary>
    public const string AppPortRoute = "/test/app-port";

    /// <summary>
    /// daprd's health endpoints (open, as in daprd), the peer broker's intake, the statistics the
    /// tests read, and where the app listens (an app started on port 0 after its sidecar is only then known).
    /// </summary>
    public static WebApplication MapSidecarHttpApi(this WebApplication app)
    {
        app.MapGet("/v1.0/healthz", () => Results.NoContent());
        app.MapGet("/v1.0/healthz/outbound", () => Results.NoContent());
        app.MapPost(Broker.PeerRoute, (BrokerMessage message, Broker broker) =>
        {
            broker.Accept(message);
            return Results.NoContent();
        });
        app.MapPost(AppPortRoute, (AppPort appPort, AppChannel channel) =>
        {
            if (appPort.Port is < 1 or > 65535)
            {
                return Results.BadRequest($"{appPort.Port} is not a port");
            }

            channel.UseAppPort(appPort.Port);
            return Results.NoContent();
        });
        app.MapGet("/test/stats", (SidecarStats stats, AppChannel channel) => Results.Json(stats.Snapshot(channel.Subscriptions, channel.Discovered)));
        return app;
    }
}

/// <summary>The body of <c>POST /test/app-port</c>.</summary>
public sealed record AppPort(int Port);
