using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Partnership.CrimeMeasures;
using Partnership.JusticeBoard;
using Partnership.Reporting;
using Partnership.Safeguarding;
using Partnership.ServiceDefaults;
using Partnership.Submissions.Storage;
using Partnership.Testing;
using Partnership.VictimServices;

namespace Partnership.Security.Tests;

/// <summary>
/// Every domain service and the aggregator in one in-memory host, composed with the hosts' own
/// extension methods, trusting the development issuer. Calls carry only the token a test gives.
/// A test catalogue adds a restricted crime measure, so reading restricted figures can be tried.
/// </summary>
public sealed class SecureExchange : IAsyncDisposable
{
    public const string RestrictedMeasure = "crime.test_restricted";

    private readonly WebApplication _app;
    private readonly TestStore _store;
    private readonly string _catalogue;

    private SecureExchange(WebApplication app, TestStore store, string catalogue)
    {
        _app = app;
        _store = store;
        _catalogue = catalogue;
        Channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = app.GetTestServer().CreateHandler() });
    }

    public GrpcChannel Channel { get; }

    public Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresClient Crime => new(Channel);

    public Contracts.Victims.V1.VictimServices.VictimServicesClient Victims => new(Channel);

    public Contracts.Justice.V1.JusticeBoard.JusticeBoardClient Justice => new(Channel);

    public Contracts.Safeguarding.V1.Safeguarding.SafeguardingClient Safeguarding => new(Channel);

    public Contracts.Reporting.V1.Reporting.ReportingClient Reporting => new(Channel);

    public Contracts.Audit.V1.AuditTrail.AuditTrailClient Audit => new(Channel);

    public static async Task<SecureExchange> StartAsync()
    {
        var store = TestStore.Sqlite();
        var catalogue = Path.Combine(Path.GetTempPath(), $"partnership-restricted-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(catalogue, $$"""
            [{ "id": "{{RestrictedMeasure}}", "name": "A partners-only count", "unit": "count", "polarity": "monitor", "rule": "sum",
               "cadences": ["quarter"], "service": "crime-measures", "defaultConfidentiality": "restricted" }]
            """);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Configuration.AddInMemoryCollection(TestTokens.Settings);
        builder.Configuration["EventBus:Transport"] = "inprocess";
        builder.Configuration["Catalogue:ExtraFiles:0"] = catalogue;
        builder.AddServiceDefaults();
        builder.AddCrimeMeasures();
        builder.AddVictimServices();
        builder.AddJusticeBoard();
        builder.AddSafeguarding();
        builder.AddReporting();
        // A failure the suite finds should say what threw, not just UNKNOWN.
        builder.Services.Configure<Grpc.AspNetCore.Server.GrpcServiceOptions>(options => options.EnableDetailedErrors = true);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapCrimeMeasures();
        app.MapVictimServices();
        app.MapJusticeBoard();
        app.MapSafeguarding();
        app.MapReporting();
        await app.StartAsync();
        return new SecureExchange(app, store, catalogue);
    }

    /// <summary>A plain HTTP client into the host (the dashboard), without a token.</summary>
    public HttpClient HttpClient() => _app.GetTestServer().CreateClient();

    public static CallOptions As(string? token) =>
        new(token is null ? null : new Metadata { { "authorization", TestTokens.Bearer(token) } });

    /// <summary>Everything a domain service has stored (returns, observations, outbox), to prove a refused call changed nothing.</summary>
    public async Task<string> StoredStateAsync<TContext>()
        where TContext : SubmissionDbContext
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var returns = await db.Returns.AsNoTracking().OrderBy(r => r.Id).Select(r => $"{r.Id}|{r.ReturnKey}|{r.Revision}|{r.SubmittedBy}").ToListAsync();
        var observations = await db.Observations.AsNoTracking().OrderBy(o => o.Id).Select(o => $"{o.ReturnId}|{o.MeasureId}|{o.Value}|{o.Numerator}|{o.Denominator}|{o.Note}").ToListAsync();
        var outbox = await db.Outbox.AsNoTracking().CountAsync();
        return string.Join('\n', [.. returns, .. observations, $"outbox={outbox}"]);
    }

    public async Task<List<AuditEntry>> AuditRowsAsync<TContext>()
        where TContext : SubmissionDbContext
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TContext>().Audit.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    public async Task InScopeAsync(Func<IServiceProvider, Task> use)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await use(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _store.Dispose();
        File.Delete(_catalogue);
    }
}
