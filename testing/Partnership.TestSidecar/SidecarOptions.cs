namespace Partnership.TestSidecar;

/// <summary>
/// How the sidecar is started. The names follow daprd's environment where it has one
/// (<c>DAPR_GRPC_PORT</c>, <c>DAPR_HTTP_PORT</c>, <c>APP_PORT</c>, <c>APP_ID</c>, <c>APP_API_TOKEN</c>,
/// <c>DAPR_API_TOKEN</c>); the rest are <c>Sidecar__*</c>, <c>Delivery__*</c> and <c>Faults__*</c>.
/// </summary>
public sealed class SidecarOptions
{
    public string AppId { get; set; } = "app";

    /// <summary>
    /// The app's HTTP port: subscriptions are discovered and events delivered there. 0 when the app is
    /// started after its sidecar: it is then given with <c>POST /test/app-port</c>.
    /// </summary>
    public int AppPort { get; set; }

    public int GrpcPort { get; set; } = 50001;

    public int HttpPort { get; set; } = 3500;

    /// <summary>Sent to the app as <c>dapr-api-token</c>.</summary>
    public string? AppApiToken { get; set; }

    /// <summary>Required from the app as <c>dapr-api-token</c> on every API call but health.</summary>
    public string? DaprApiToken { get; set; }

    /// <summary>
    /// The HTTP base addresses of the other sidecars. A published message goes to this sidecar's own
    /// broker and to every peer's, so all apps on the "broker" see every topic, as they would on Redis.
    /// </summary>
    public List<string> Peers { get; set; } = [];

    public DeliveryOptions Delivery { get; set; } = new();

    public FaultOptions Faults { get; set; } = new();

    public static SidecarOptions From(IConfiguration configuration)
    {
        var options = new SidecarOptions();
        configuration.GetSection("Sidecar").Bind(options);
        configuration.GetSection("Delivery").Bind(options.Delivery);
        configuration.GetSection("Faults").Bind(options.Faults);
        options.AppId = configuration["APP_ID"] ?? options.AppId;
        options.AppPort = configuration.GetValue("APP_PORT", options.AppPort);
        options.GrpcPort = configuration.GetValue("DAPR_GRPC_PORT", options.GrpcPort);
        options.HttpPort = configuration.GetValue("DAPR_HTTP_PORT", options.HttpPort);
        options.AppApiToken = configuration["APP_API_TOKEN"] ?? options.AppApiToken;
        options.DaprApiToken = configuration["DAPR_API_TOKEN"] ?? options.DaprApiToken;
        return options;
    }
}

/// <summary>Redelivery: a RETRY, a non-2xx other than 404, or an app that is down is tried again with back-off.</summary>
public sealed class DeliveryOptions
{
    public int InitialBackoffMs { get; set; } = 50;

    public int MaxBackoffMs { get; set; } = 1000;

    /// <summary>After this many attempts the message is dead-lettered, as a broker's retry policy would.</summary>
    public int MaxAttempts { get; set; } = 200;
}

/// <summary>Faults a test can switch on: the things a real broker is allowed to do.</summary>
public sealed class FaultOptions
{
    /// <summary>Deliver every message twice, concurrently.</summary>
    public bool Duplicate { get; set; }

    /// <summary>Hold up to this many messages and deliver them newest first.</summary>
    public int ReorderWindow { get; set; }

    /// <summary>How long a partly filled reorder window is held before it is released anyway.</summary>
    public int ReorderHoldMs { get; set; } = 200;

    /// <summary>Wait a random time up to this before each delivery attempt.</summary>
    public int MaxDelayMs { get; set; }

    /// <summary>Refuse the first N publishes with UNAVAILABLE, as a broker outage would.</summary>
    public int FailFirstPublishes { get; set; }

    /// <summary>
    /// A message published with this metadata key set to <c>true</c> is delivered to a route the app
    /// does not have, so the app answers 404 (as after a deploy that renamed a route).
    /// </summary>
    public const string MisrouteMetadataKey = "test.misroute";
}
