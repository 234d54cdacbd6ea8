using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Partnership.EventBus;

public static class EventBusExtensions
{
    /// <summary>
    /// Registers the publisher chosen by <c>EventBus:Transport</c>: <c>inprocess</c> (the default) or
    /// <c>dapr</c> (added by the Dapr transport).
    /// </summary>
    public static IServiceCollection AddPartnershipEventBus(this IServiceCollection services, IConfiguration configuration)
    {
        var transport = configuration["EventBus:Transport"] ?? "inprocess";
        if (transport.Equals("inprocess", StringComparison.OrdinalIgnoreCase))
        {
            services.TryAddSingleton<IEventPublisher, InProcessEventBus>();
            return services;
        }

        throw new InvalidOperationException($"EventBus:Transport '{transport}' is not known; use inprocess or dapr.");
    }
}
