using Partnership.Reporting;
using Partnership.Testing;

namespace Partnership.Safeguarding.Tests;

/// <summary>The safeguarding service and the aggregator composed in memory, with a client for each.</summary>
public sealed class SafeguardingHost(InMemoryExchange exchange) : IAsyncDisposable
{
    public Contracts.Safeguarding.V1.Safeguarding.SafeguardingClient Safeguarding { get; } = new(exchange.Channel);

    public Contracts.Reporting.V1.Reporting.ReportingClient Reporting { get; } = new(exchange.Channel);

    public static async Task<SafeguardingHost> StartAsync(TestStore? store = null) =>
        new(await InMemoryExchange.StartAsync(
            store ?? TestStore.Sqlite(),
            builder =>
            {
                builder.AddSafeguarding();
                builder.AddReporting();
            },
            app =>
            {
                app.MapSafeguarding();
                app.MapReporting();
            }));

    public HttpMessageHandler CreateHandler() => exchange.CreateHandler();

    public T GetRequiredService<T>()
        where T : notnull => exchange.GetRequiredService<T>();

    public ValueTask DisposeAsync() => exchange.DisposeAsync();
}
