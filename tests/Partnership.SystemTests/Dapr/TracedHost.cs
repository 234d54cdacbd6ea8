using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Partnership.ServiceDefaults;

namespace Partnership.SystemTests.Dapr;

/// <summary>
/// A service host run in the test process on loopback ports it binds itself (port 0), as its Program.cs builds it, with its
/// own tracer and meter providers exporting to memory. Two of them (a domain service and the aggregator)
/// talk only through test sidecar processes, so a trace that joins them crossed those processes.
/// </summary>
public sealed class TracedHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<Activity> _spans;
    private readonly List<MetricSnapshot> _metrics;

    private TracedHost(WebApplication app, List<Activity> spans, List<MetricSnapshot> metrics)
    {
        _app = app;
        _spans = spans;
        _metrics = metrics;
        // Bound in the order UsePartnershipEndpoints lists them: gRPC, then HTTP.
        var ports = app.Urls.Select(url => new Uri(url).Port).ToList();
        (GrpcPort, HttpPort) = (ports[0], ports[1]);
    }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    public static async Task<TracedHost> StartAsync(
        IReadOnlyDictionary<string, string?> settings, Action<WebApplicationBuilder> add, Action<WebApplication> map)
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.UsePartnershipEndpoints(new ServiceEndpoints(GrpcPort: 0, HttpPort: 0));
        add(builder);
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
            .WithMetrics(meters => meters.AddInMemoryExporter(metrics));

        var web = builder.Build();
        web.MapDefaultEndpoints();
        map(web);
        await web.StartAsync();
        return new TracedHost(web, spans, metrics);
    }

    /// <summary>
    /// The spans exported so far. Activity listeners are process-wide, so each host's provider also
    /// sees the other's spans; what joins them into one trace is the traceparent the sidecars carry.
    /// </summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            // The exporter appends from whichever thread ends a span, without a lock; a copy taken
            // while it appends can fail, so take another.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return [.. _spans];
                }
                catch (Exception ex) when (ex is InvalidOperationException or ArgumentException && attempt < 5)
                {
                    // Appended to while copied; copy again.
                }
            }
        }
    }

    /// <summary>Collects every instrument now and returns its latest points.</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> Metrics()
    {
        lock (_metrics)
        {
            _metrics.Clear();
            _app.Services.GetRequiredService<MeterProvider>().ForceFlush();
            return _metrics.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
