using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Partnership.EventBus.Dapr;

namespace Partnership.EventBus;

public static class EventBusExtensions
{
    public const string DaprTransport = "dapr";

    /// <summary>Whether <c>EventBus:Transport</c> selects Dapr, so the service also takes part in Dapr's protocol.</summary>
    public static bool UsesDapr(this IConfiguration configuration)
        => DaprTransport.Equals(configuration["EventBus:Transport"], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Registers the publisher chosen by <c>EventBus:Transport</c>: <c>inprocess</c> (the default) or
    /// <c>dapr</c> (publishing through the Dapr sidecar).
    /// </summary>
    public static IServiceCollection AddPartnershipEventBus(this IServiceCollection services, IConfiguration configuration)
    {
        var transport = configuration["EventBus:Transport"] ?? "inprocess";
        if (transport.Equals("inprocess", StringComparison.OrdinalIgnoreCase))
        {
            services.TryAddSingleton<IEventPublisher, InProcessEventBus>();
            return services;
        }

        if (transport.Equals(DaprTransport, StringComparison.OrdinalIgnoreCase))
        {
            // AddDaprClient (Dapr.AspNetCore) builds the client once; the sidecar's address and API token come from DAPR_GRPC_ENDPOINT / DAPR_GRPC_PORT and DAPR_API_TOKEN.
            services.AddDaprClient();
            services.TryAddSingleton<IEventPublisher, DaprEventPublisher>();
            // Readiness (/readyz and gRPC health) includes the sidecar, as it includes the database;
            // once per host, however many services it composes.
            if (!services.Any(d => d.ServiceType == typeof(DaprSidecarHealthCheck)))
            {
                services.AddSingleton<DaprSidecarHealthCheck>();
                services.AddHealthChecks().AddCheck<DaprSidecarHealthCheck>(DaprSidecarHealthCheck.Name, tags: ["ready"]);
            }
            return services;
        }

        throw new InvalidOperationException($"EventBus:Transport '{transport}' is not known; use inprocess or dapr.");
    }
}
