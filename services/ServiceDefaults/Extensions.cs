using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Partnership.Security;

namespace Partnership.ServiceDefaults;

public static class Extensions
{
    /// <summary>
    /// The largest request a service reads. A return at the row limit (20,000 observations) is well under
    /// it; anything larger is refused (RESOURCE_EXHAUSTED) before a byte of it is parsed.
    /// </summary>
    public const int MaxReceiveMessageSize = 4 * 1024 * 1024;

    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        // Framework chatter would bury the exchange's own structured events.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = MaxReceiveMessageSize;
            options.Interceptors.Add<DomainErrorInterceptor>();
            options.Interceptors.Add<AreaCodeInterceptor>();
        }).AddJsonTranscoding(HttpApi.ConfigureJson);
        builder.AddPartnershipAuthentication();
        builder.AddHttpApi();
        builder.Services.AddGrpcHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(Telemetry.Name))
            .WithTracing(tracing => tracing
                .AddSource(Telemetry.Name)
                .AddAspNetCoreInstrumentation(options =>
                    // Probes would drown the traces that matter.
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/healthz"))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Maps a service partners call: every method needs a verified caller (and so does gRPC's answer
    /// for a method the service lacks); a role-gated method adds its policy with <c>[Authorize]</c>.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapPartnerGrpcService<TService>(this IEndpointRouteBuilder app)
        where TService : class
        => app.MapGrpcService<TService>().RequireAuthorization(Policies.AuthenticatedCaller);

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Probes answer without a token; every other endpoint declares its policy or is refused.
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { ResponseWriter = ReadinessReport.WriteAsync }).AllowAnonymous();
        app.MapHttpApi();
        return app;
    }
}
