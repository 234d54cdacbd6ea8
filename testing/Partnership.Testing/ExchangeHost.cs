using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Partnership.CrimeMeasures;
using Partnership.JusticeBoard;
using Partnership.Reporting;
using Partnership.Safeguarding;
using Partnership.ServiceDefaults;
using Partnership.VictimServices;

namespace Partnership.Testing;

/// <summary>
/// The in-memory exchange every component suite uses: the chosen services composed with the extension
/// methods the real hosts use (<c>AddX</c> / <c>MapX</c>), on a test store and the in-process event bus,
/// talking gRPC through the test server. Owns the store and disposes it.
/// </summary>
public sealed class ExchangeHost : IAsyncDisposable
{
    // In the order the suites composed them before there was one host: the aggregator last.
    private static readonly (ExchangeServices Service, Action<WebApplicationBuilder> Add, Action<WebApplication> Map)[] Parts =
    [
        (ExchangeServices.CrimeMeasures, builder => builder.AddCrimeMeasures(), app => app.MapCrimeMeasures()),
        (ExchangeServices.VictimServices, builder => builder.AddVictimServices(), app => app.MapVictimServices()),
        (ExchangeServices.JusticeBoard, builder => builder.AddJusticeBoard(), app => app.MapJusticeBoard()),
        (ExchangeServices.Safeguarding, builder => builder.AddSafeguarding(), app => app.MapSafeguarding()),
        (ExchangeServices.Reporting, builder => builder.AddReporting(), app => app.MapReporting()),
    ];

    private readonly WebApplication _app;
    private readonly TestStore _store;
    private readonly bool _signedIn;
    private readonly string? _catalogue;
    private readonly bool _keepStore;
    private readonly IReadOnlyList<Type> _contexts;

    private ExchangeHost(WebApplication app, TestStore store, bool signedIn, string? catalogue, bool keepStore, IReadOnlyList<Type> contexts)
    {
        _app = app;
        _contexts = contexts;
        _store = store;
        _keepStore = keepStore;
        _signedIn = signedIn;
        _catalogue = catalogue;
        Channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = CreateHandler() });
        Crime = new(Channel);
        Victims = new(Channel);
        Justice = new(Channel);
        Safeguarding = new(Channel);
        Reporting = new(Channel);
        Audit = new(Channel);
    }

    public GrpcChannel Channel { get; }

    public Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresClient Crime { get; }

    public Contracts.Victims.V1.VictimServices.VictimServicesClient Victims { get; }

    public Contracts.Justice.V1.JusticeBoard.JusticeBoardClient Justice { get; }

    public Contracts.Safeguarding.V1.Safeguarding.SafeguardingClient Safeguarding { get; }

    public Contracts.Reporting.V1.Reporting.ReportingClient Reporting { get; }

    public Contracts.Audit.V1.AuditTrail.AuditTrailClient Audit { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<ExchangeHost> StartAsync(ExchangeServices services, TestStore? store = null, Action<WebApplicationBuilder>? configure = null) =>
        StartAsync(services, new ExchangeOptions { Store = store, Configure = configure });

    public static async Task<ExchangeHost> StartAsync(ExchangeServices services, ExchangeOptions options)
    {
        var store = options.Store ?? TestStore.Sqlite();
        string? catalogue = null;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Configuration.AddInMemoryCollection(TestTokens.Settings);
        builder.Configuration["EventBus:Transport"] = "inprocess";
        if (options.ExtraCatalogue is { } extra)
        {
            catalogue = Path.Combine(Path.GetTempPath(), $"partnership-catalogue-{Guid.NewGuid():N}.json");
            await File.WriteAllTextAsync(catalogue, extra);
            builder.Configuration["Catalogue:ExtraFiles:0"] = catalogue;
        }

        builder.AddServiceDefaults();
        foreach (var part in Parts.Where(p => services.HasFlag(p.Service)))
        {
            part.Add(builder);
        }

        if (options.DetailedErrors)
        {
            builder.Services.Configure<Grpc.AspNetCore.Server.GrpcServiceOptions>(grpc => grpc.EnableDetailedErrors = true);
        }

        options.Configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        foreach (var part in Parts.Where(p => services.HasFlag(p.Service)))
        {
            part.Map(app);
        }

        await app.StartAsync();
        if (options.WaitForReportCache && app.Services.GetService<Reporting.Delivery.ReportCacheWarmth>() is { } warmth)
        {
            await warmth.WhenWarm.WaitAsync(TimeSpan.FromMinutes(1));
        }

        var contexts = builder.Services.Select(d => d.ServiceType).Where(t => t.IsSubclassOf(typeof(DbContext))).Distinct().ToList();
        return new ExchangeHost(app, store, options.SignedIn, catalogue, options.KeepStore, contexts);
    }

    /// <summary>A handler into the test server, for clients that build their own channel (the CLI).</summary>
    public HttpMessageHandler CreateHandler()
    {
        var handler = _app.GetTestServer().CreateHandler();
        return _signedIn ? new BearerTokenHandler(TestTokens.Trusted(), handler) : handler;
    }

    /// <summary>A plain HTTP client into the host (the dashboard), without a token.</summary>
    public HttpClient CreateHttpClient() => _app.GetTestServer().CreateClient();

    public T GetRequiredService<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public async Task InScopeAsync(Func<IServiceProvider, Task> use)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await use(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        var pools = SqlitePools.Of(_app.Services, _contexts);
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqlitePools.Clear(pools);
        if (!_keepStore)
        {
            _store.Dispose();
        }

        if (_catalogue is not null)
        {
            File.Delete(_catalogue);
        }
    }
}
