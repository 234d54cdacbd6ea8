namespace Partnership.Testing;

/// <summary>A test sidecar's <c>GET /test/stats</c>, as the tests read it.</summary>
public sealed record SidecarStatsView(
    bool Discovered,
    List<SubscriptionView> Subscriptions,
    int PublishesAccepted,
    int PublishesRefused,
    int PublishesWithTraceParent,
    int Pending,
    List<DeliveryView> Deliveries,
    List<DeadLetterView> DeadLettered);

public sealed record SubscriptionView(string PubSubName, string Topic, string Route, string? DeadLetterTopic);

public sealed record DeliveryView(string Id, string Topic, int Attempts, string Result, string? TraceParent);

public sealed record DeadLetterView(string Id, string Topic, string DeadLetterTopic, string Why);
