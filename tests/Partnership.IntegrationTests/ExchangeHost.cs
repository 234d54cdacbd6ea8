using Microsoft.AspNetCore.Builder;
using Partnership.CrimeMeasures;
using Partnership.JusticeBoard;
using Partnership.Reporting;
using Partnership.Testing;

namespace Partnership.IntegrationTests;

/// <summary>
/// The crime measures service, the justice board and the aggregator composed in memory with the same
/// extension methods the real hosts use, on the given store (SQLite or PostgreSQL), talking gRPC
/// through the test server. Owns the store and disposes it.
/// </summary>
public sealed class ExchangeHost : IAsyncDisposable
{
    private readonly InMemoryExchange _exchange;

    private ExchangeHost(InMemoryExchange exchange)
    {
        _exchange = exchange;
        Crime = new Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresClient(Channel);
        Reporting = new Contracts.Reporting.V1.Reporting.ReportingClient(Channel);
        Justice = new Contracts.Justice.V1.JusticeBoard.JusticeBoardClient(Channel);
    }

    public Grpc.Net.Client.GrpcChannel Channel => _exchange.Channel;

    public Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresClient Crime { get; }

    public Contracts.Reporting.V1.Reporting.ReportingClient Reporting { get; }

    public Contracts.Justice.V1.JusticeBoard.JusticeBoardClient Justice { get; }

    public IServiceProvider Services => _exchange.Services;

    public static async Task<ExchangeHost> StartAsync(TestStore store, Action<WebApplicationBuilder>? configure = null) =>
        new(await InMemoryExchange.StartAsync(
            store,
            builder =>
            {
                builder.AddCrimeMeasures();
                builder.AddJusticeBoard();
                builder.AddReporting();
                configure?.Invoke(builder);
            },
            app =>
            {
                app.MapCrimeMeasures();
                app.MapJusticeBoard();
                app.MapReporting();
            }));

    /// <summary>A handler into the test server, for clients that build their own channel (the CLI).</summary>
    public HttpMessageHandler CreateHandler() => _exchange.CreateHandler();

    public T GetRequiredService<T>()
        where T : notnull => _exchange.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _exchange.DisposeAsync();
}
