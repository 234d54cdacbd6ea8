using Dapr;
using Microsoft.AspNetCore.Authentication;
using Partnership.Contracts;
using Partnership.EventBus;
using Partnership.Security;

namespace Partnership.Reporting.Subscriptions;

/// <summary>
/// The aggregator's side of Dapr pub/sub, active when <c>EventBus:Transport</c> is <c>dapr</c>: one
/// subscription per domain service's topic, each with its dead-letter topic, and a subscription to
/// each dead-letter topic that records what was dropped. The sidecar finds them at <c>/dapr/subscribe</c>
/// on the HTTP/1.1 port.
/// </summary>
public static class SubscriptionExtensions
{
    /// <summary>The token the sidecar sends as <c>dapr-api-token</c>; when set, nothing else may call the endpoints.</summary>
    public const string AppApiTokenKey = "APP_API_TOKEN";

    public static string DeliveryRoute(string topic) => $"/dapr/events/{topic}";

    public static string DeadLetterRoute(string topic) => $"/dapr/dead-letters/{topic}";

    public static IHostApplicationBuilder AddReportingSubscriptions(this IHostApplicationBuilder builder)
    {
        if (!builder.Configuration.UsesDapr())
        {
            return builder;
        }

        var token = builder.Configuration[AppApiTokenKey];
        if (string.IsNullOrEmpty(token))
        {
            // Without it the endpoints would answer anyone who can reach the port, or nobody at all.
            throw new InvalidOperationException($"EventBus:Transport is dapr but {AppApiTokenKey} is not set: the subscription endpoints accept only the sidecar, which proves itself with that token.");
        }

        // The scheme behind Policies.DaprSidecar, registered with the other policies.
        builder.Services.AddAuthentication().AddDapr(options => options.Token = token);
        return builder;
    }

    public static WebApplication MapReportingSubscriptions(this WebApplication app)
    {
        if (!app.Configuration.UsesDapr())
        {
            return app;
        }

        // The handlers read the event itself; the CloudEvent id comes along as a header for dead letters.
        app.UseCloudEvents(new CloudEventsMiddlewareOptions
        {
            ForwardCloudEventPropertiesAsHeaders = true,
            IncludedCloudEventPropertiesAsHeaders = [SubscriptionEndpoints.CloudEventIdProperty],
        });

        List<IEndpointConventionBuilder> endpoints = [app.MapSubscribeHandler()];
        foreach (var topic in EventTopics.All)
        {
            var deadLetterTopic = EventTopics.DeadLetterOf(topic);
            endpoints.Add(app.MapPost(DeliveryRoute(topic), SubscriptionEndpoints.DeliverAsync(topic))
                .WithTopic(new TopicOptions { PubsubName = EventTopics.PubSubName, Name = topic, DeadLetterTopic = deadLetterTopic }));
            endpoints.Add(app.MapPost(DeadLetterRoute(topic), SubscriptionEndpoints.RecordDeadLetterAsync(topic))
                .WithTopic(EventTopics.PubSubName, deadLetterTopic));
        }

        // Only the sidecar, never a partner's bearer token.
        endpoints.ForEach(endpoint => endpoint.RequireAuthorization(Policies.DaprSidecar));

        return app;
    }
}
