using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partnership.CrimeMeasures;
using Partnership.JusticeBoard;
using Partnership.Reporting;
using Partnership.ServiceDefaults;
using Partnership.Testing;

namespace Partnership.IntegrationTests;

/// <summary>
/// The domain services and the aggregator composed in memory with the same extension methods
/// the real hosts use, on the given store (SQLite or PostgreSQL), talking gRPC through the test server.
/// Owns the store and disposes it.
/// </summary>
public sealed class ExchangeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestStore _store;

    private ExchangeHost(WebApplication app, TestStore store)
    {
        _app = app;
        _store = store;
        Channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = app.GetTestServer().CreateHandler() });
        Crime = new Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresClient(Channel);
        Reporting = new Contracts.Reporting.V1.Reporting.ReportingClient(Channel);
        Justice = new Contracts.Justice.V1.JusticeBoard.JusticeBoardClient(Channel);
    }

    public GrpcChannel Channel { get; }

    public Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresClient Crime { get; }

    public Contracts.Reporting.V1.Reporting.ReportingClient Reporting { get; }

    public Contracts.Justice.V1.JusticeBoard.JusticeBoardClient Justice { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ExchangeHost> StartAsync(TestStore store, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Configuration["EventBus:Transport"] = "inprocess";
        builder.AddServiceDefaults();
        builder.AddCrimeMeasures();
        builder.AddJusticeBoard();
        builder.AddReporting();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapCrimeMeasures();
        app.MapJusticeBoard();
        app.MapReporting();
        await app.StartAsync();
        return new ExchangeHost(app, store);
    }

    public T GetRequiredService<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _store.Dispose();
    }
}
