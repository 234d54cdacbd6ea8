using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Partnership.CrimeMeasures;
using Partnership.Reporting;
using Partnership.ServiceDefaults;

namespace Partnership.IntegrationTests;

/// <summary>
/// The crime measures service and the aggregator composed in memory with the same extension methods
/// the real hosts use, on SQLite files in a temporary directory, talking gRPC through the test server.
/// </summary>
public sealed class ExchangeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private ExchangeHost(WebApplication app, string dataDirectory)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = app.GetTestServer().CreateHandler() });
        Crime = new Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresClient(Channel);
        Reporting = new Contracts.Reporting.V1.Reporting.ReportingClient(Channel);
    }

    public GrpcChannel Channel { get; }

    public Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresClient Crime { get; }

    public Contracts.Reporting.V1.Reporting.ReportingClient Reporting { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ExchangeHost> StartAsync(Action<WebApplicationBuilder>? configure = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("partnership-it-").FullName;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Storage:Provider"] = "sqlite";
        builder.Configuration["Storage:DataDirectory"] = dataDirectory;
        builder.Configuration["EventBus:Transport"] = "inprocess";
        builder.AddServiceDefaults();
        builder.AddCrimeMeasures();
        builder.AddReporting();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapCrimeMeasures();
        app.MapReporting();
        await app.StartAsync();
        return new ExchangeHost(app, dataDirectory);
    }

    public T GetRequiredService<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
