using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Partnership.ServiceDefaults;

namespace Partnership.Testing;

/// <summary>
/// Services composed in memory with the extension methods the real hosts use (<c>AddX</c> /
/// <c>MapX</c>), on a test store and the in-process event bus, talking gRPC through the test server.
/// Owns the store and disposes it.
/// </summary>
public sealed class InMemoryExchange : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestStore _store;

    private InMemoryExchange(WebApplication app, TestStore store)
    {
        _app = app;
        _store = store;
        // Calls carry a token allowed everything unless a test sends its own: tests composed here are
        // about the data flow; access control has its own suite.
        Channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = CreateHandler() });
    }

    public GrpcChannel Channel { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>A handler into the test server, for clients that build their own channel (the CLI).</summary>
    public HttpMessageHandler CreateHandler() => new BearerTokenHandler(TestTokens.Trusted(), _app.GetTestServer().CreateHandler());

    public static async Task<InMemoryExchange> StartAsync(TestStore store, Action<WebApplicationBuilder> add, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Configuration.AddInMemoryCollection(TestTokens.Settings);
        builder.Configuration["EventBus:Transport"] = "inprocess";
        builder.AddServiceDefaults();
        add(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        map(app);
        await app.StartAsync();
        return new InMemoryExchange(app, store);
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
