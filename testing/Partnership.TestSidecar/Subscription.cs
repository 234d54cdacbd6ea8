namespace Partnership.TestSidecar;

/// <summary>One entry of the app's <c>GET /dapr/subscribe</c> answer.</summary>
public sealed record Subscription(string PubSubName, string Topic, string Route, string? DeadLetterTopic);
