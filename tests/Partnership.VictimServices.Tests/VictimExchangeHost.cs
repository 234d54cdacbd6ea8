using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Partnership.Reporting;
using Partnership.ServiceDefaults;

namespace Partnership.VictimServices.Tests;

/// <summary>
/// The victim services service and the aggregator in memory, composed with the extension methods the
/// real hosts use, on SQLite files in a temporary directory removed afterwards.
/// </summary>
public sealed class VictimExchangeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private VictimExchangeHost(WebApplication app, string dataDirectory)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = app.GetTestServer().CreateHandler() });
        Victims = new Contracts.Victims.V1.VictimServices.VictimServicesClient(Channel);
        Reporting = new Contracts.Reporting.V1.Reporting.ReportingClient(Channel);
    }

    public GrpcChannel Channel { get; }

    public Contracts.Victims.V1.VictimServices.VictimServicesClient Victims { get; }

    public Contracts.Reporting.V1.Reporting.ReportingClient Reporting { get; }

    public static async Task<VictimExchangeHost> StartAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("partnership-victims-").FullName;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Storage:Provider"] = "sqlite";
        builder.Configuration["Storage:DataDirectory"] = dataDirectory;
        builder.Configuration["EventBus:Transport"] = "inprocess";
        builder.AddServiceDefaults();
        builder.AddVictimServices();
        builder.AddReporting();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapVictimServices();
        app.MapReporting();
        await app.StartAsync();
        return new VictimExchangeHost(app, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
