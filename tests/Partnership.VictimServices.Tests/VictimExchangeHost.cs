using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Partnership.Reporting;
using Partnership.ServiceDefaults;
using Partnership.Testing;

namespace Partnership.VictimServices.Tests;

/// <summary>
/// The victim services service and the aggregator in memory, composed with the extension methods the
/// real hosts use, on a throwaway SQLite store it owns and removes.
/// </summary>
public sealed class VictimExchangeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestStore _store;

    private VictimExchangeHost(WebApplication app, TestStore store)
    {
        _app = app;
        _store = store;
        // A token allowed everything: these tests are about the data flow; access control has its own suite.
        Channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = new BearerTokenHandler(TestTokens.Trusted(), app.GetTestServer().CreateHandler()) });
        Victims = new Contracts.Victims.V1.VictimServices.VictimServicesClient(Channel);
        Reporting = new Contracts.Reporting.V1.Reporting.ReportingClient(Channel);
    }

    public GrpcChannel Channel { get; }

    public Contracts.Victims.V1.VictimServices.VictimServicesClient Victims { get; }

    public Contracts.Reporting.V1.Reporting.ReportingClient Reporting { get; }

    /// <summary>A handler into the in-memory server, for clients such as the CLI.</summary>
    public HttpMessageHandler CreateHandler() => new BearerTokenHandler(TestTokens.Trusted(), _app.GetTestServer().CreateHandler());

    public static async Task<VictimExchangeHost> StartAsync()
    {
        var store = TestStore.Sqlite();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Configuration.AddInMemoryCollection(TestTokens.Settings);
        builder.Configuration["EventBus:Transport"] = "inprocess";
        builder.AddServiceDefaults();
        builder.AddVictimServices();
        builder.AddReporting();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapVictimServices();
        app.MapReporting();
        await app.StartAsync();
        return new VictimExchangeHost(app, store);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _store.Dispose();
    }
}
