namespace Partnership.TestSidecar;

public static class SidecarHttpApi
{
    /// <summary>
    /// daprd's health endpoints (open, as in daprd), the peer broker's intake, and the statistics
    /// the tests read.
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
        app.MapGet("/test/stats", (SidecarStats stats, AppChannel channel) => Results.Json(stats.Snapshot(channel.Subscriptions, channel.Discovered)));
        return app;
    }
}
