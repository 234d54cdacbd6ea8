using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Partnership.Domain;
using Partnership.EventBus;
using Partnership.Security;
using Partnership.ServiceDefaults;
using Partnership.Storage;
using Partnership.Submissions.Audit;
using Partnership.Submissions.Grpc;
using Partnership.Submissions.Outbox;
using Partnership.Submissions.Portal;
using Partnership.Submissions.Portal.Calendar;
using Partnership.Submissions.Security;
using Partnership.Submissions.Status;
using Partnership.Submissions.Storage;
using Partnership.Submissions.Validation;

namespace Partnership.Submissions;

public static class SubmissionExtensions
{
    /// <summary>
    /// Registers the shared pipeline for one domain service: its database, catalogue, geography,
    /// validator, outbox dispatcher and the configured event bus.
    /// </summary>
    public static IServiceCollection AddSubmissionPipeline<TContext>(
        this IServiceCollection services,
        IConfiguration configuration,
        ServiceIdentity identity)
        where TContext : SubmissionDbContext
    {
        services.AddPartnershipDatabase<TContext>(configuration, identity.Name);
        services.AddReferenceData(configuration);
        services.TryAddSingleton<ReadAccess>();
        services.AddPartnershipEventBus(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Outbox"));

        services.AddKeyedSingleton<ServiceIdentity>(typeof(TContext), identity);
        services.AddScoped(sp => new SubmissionPipeline<TContext>(
            sp.GetRequiredService<TContext>(),
            sp.GetRequiredKeyedService<ServiceIdentity>(typeof(TContext)),
            // Each service validates with its own rules, even when several share one host.
            new ReturnValidator(sp.GetRequiredService<MeasureCatalogue>(), sp.GetRequiredService<Geography>(), sp.GetKeyedServices<IReturnRule>(typeof(TContext))),
            sp.GetRequiredService<MeasureCatalogue>(),
            sp.GetRequiredService<OutboxSignal<TContext>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ICallerContext>(),
            sp.GetRequiredService<DatabaseWriteState<TContext>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SubmissionPipeline<TContext>>>()));
        services.AddScoped(sp => new ReturnReader<TContext>(
            sp.GetRequiredService<TContext>(),
            sp.GetRequiredKeyedService<ServiceIdentity>(typeof(TContext)),
            sp.GetRequiredService<MeasureCatalogue>(),
            sp.GetRequiredService<ReadAccess>(),
            sp.GetRequiredService<ICallerContext>(),
            sp.GetRequiredService<DatabaseWriteState<TContext>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IReturnStatusSource>(sp => new ReturnStatusReader<TContext>(sp.GetRequiredService<IServiceScopeFactory>(), identity, sp.GetRequiredService<MeasureCatalogue>()));
        services.TryAddSingleton<SubmissionEndpointsMarker>();
        services.TryAddSingleton<PortalServices>();
        services.TryAddSingleton<ChaseListQuery>();
        // The portal's pages are Razor components rendered on the server (RazorComponentResult).
        services.AddRazorComponents();
        services.AddScoped(sp => new ReturnCallAdapter<TContext>(
            sp.GetRequiredService<SubmissionPipeline<TContext>>(),
            sp.GetRequiredService<ReturnReader<TContext>>(),
            sp.GetRequiredService<MeasureCatalogue>(),
            sp.GetRequiredKeyedService<ServiceIdentity>(typeof(TContext))));
        services.AddScoped(sp => new MyReturnsQuery<TContext>(sp.GetRequiredService<TContext>(), sp.GetRequiredKeyedService<ServiceIdentity>(typeof(TContext))));
        services.AddScoped<IObservationHistory>(sp => sp.GetRequiredService<ReturnReader<TContext>>());
        services.AddScoped<IRefusedCallAudit>(sp => new RoleDenialAudit<TContext>(sp.GetRequiredService<SubmissionPipeline<TContext>>(), sp.GetRequiredKeyedService<ServiceIdentity>(typeof(TContext))));
        services.AddScoped<IAuditLog>(sp => new AuditLog<TContext>(sp.GetRequiredService<TContext>(), sp.GetRequiredKeyedService<ServiceIdentity>(typeof(TContext))));
        services.AddSingleton<OutboxSignal<TContext>>();
        services.AddSingleton<OutboxDispatcher<TContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher<TContext>>());
        return services;
    }

    /// <summary>A rule of one service's domain, run after the shared catalogue checks.</summary>
    public static IServiceCollection AddReturnRule<TContext, TRule>(this IServiceCollection services)
        where TRule : class, IReturnRule
        => services.AddKeyedSingleton<IReturnRule, TRule>(typeof(TContext));

    /// <summary>
    /// A rule that needs the service's own database (e.g. figures stored by earlier returns), so it
    /// lives for one request scope instead of the whole process.
    /// </summary>
    public static IServiceCollection AddScopedReturnRule<TContext, TRule>(this IServiceCollection services)
        where TRule : class, IReturnRule
        => services.AddKeyedScoped<IReturnRule, TRule>(typeof(TContext));

    /// <summary>
    /// Maps the calls every domain service host offers (the return status). Each service's Map method
    /// calls it; it maps once however many services share the host.
    /// </summary>
    public static IEndpointRouteBuilder MapSubmissionEndpoints(this IEndpointRouteBuilder app)
    {
        var marker = app.ServiceProvider.GetRequiredService<SubmissionEndpointsMarker>();
        if (!marker.Mapped)
        {
            marker.Mapped = true;
            app.MapPartnerGrpcService<ReturnStatusService>();
            app.MapPartnerGrpcService<AuditTrailService>();
            app.MapChaseList();
            app.MapPortalCalendar();
        }

        return app;
    }
}

internal sealed class SubmissionEndpointsMarker
{
    public bool Mapped { get; set; }
}

