using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Partnership.LocalHost;

public static partial class Extensions
{
    /// <summary>
    /// The embedded defaults: SQLite files under ./.data and the in-process event bus, unless the
    /// command line or environment says otherwise.
    /// </summary>
    public static IHostApplicationBuilder AddLocalDefaults(this IHostApplicationBuilder builder)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:DataDirectory"] = Path.GetFullPath(".data"),
            ["EventBus:Transport"] = "inprocess",
            ["Demo:Seed"] = "true",
            // The local run trusts the development issuer, so 'partnership token' can mint the
            // tokens a newcomer needs; a deployment names a real identity provider instead.
            ["Auth:DevelopmentIssuer:Enabled"] = "true",
            // ... and its dashboard offers the development sign-in page, so a browser needs no provider either.
            ["Auth:Browser:DevelopmentSignIn"] = "true",
        };
        // Defaults first, so appsettings, environment and command line still win.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
        return builder;
    }

    public static IHostApplicationBuilder AddDemoData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DemoSeedCompletion>();
        builder.Services.AddScoped<IDemoSeed, VictimServicesDemoSeed>();
        builder.Services.AddScoped<IDemoSeed, JusticeBoardDemoSeed>();
        builder.Services.AddScoped<IDemoSeed, SafeguardingDemoSeed>();
        builder.Services.AddScoped<IDemoSeed, NationalDemoSeed>();
        // Last: it waits for every other seed's returns to reach the aggregator.
        builder.Services.AddScoped<IDemoSeed, DemoEditionSeed>();
        if (builder.Configuration.GetValue("Demo:Seed", false))
        {
            builder.Services.AddHostedService<DemoDataSeeder>();
        }
        else
        {
            builder.Services.AddHostedService(sp => new DemoSeedSkipped(sp.GetRequiredService<DemoSeedCompletion>()));
        }

        return builder;
    }

    public static WebApplication PrintWhereToLook(this WebApplication app)
    {
        // Printed once the demo data is in, so the addresses are the last thing on the screen.
        var seeded = app.Services.GetRequiredService<DemoSeedCompletion>();
        app.Lifetime.ApplicationStarted.Register(() => seeded.Task.ContinueWith(_ =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Partnership.LocalHost");
            var grpc = addresses.FirstOrDefault() ?? "";
            var http = addresses.Skip(1).FirstOrDefault() ?? "";
            // The aggregator serves the dashboard at the root of the HTTP port (DashboardEndpoints).
            LogReady(logger, grpc, http, http.Length == 0 ? "" : http.TrimEnd('/') + "/", app.Configuration["Storage:DataDirectory"] ?? "", grpc);
        }, TaskScheduler.Default));
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = """

        Partnership Data Exchange is running: all services in one process, SQLite under {DataDirectory}, in-process pub/sub.
          gRPC (crime measures, justice board, victim services, safeguarding, reporting): {GrpcAddress}
          HTTP (health: /healthz, readiness: /readyz): {HttpAddress}
          Dashboard (the Delivery Quarterly Report; also /report.csv, /report.md): {DashboardAddress}
          Every call needs a token; the local run trusts development tokens:
            export PARTNERSHIP_TOKEN=$(dotnet run --project services/Cli -- token --agency "West Yorkshire OPCC" --area E23000010 --role partner-reader)
            dotnet run --project services/Cli -- report --area E23000010 --period FY2024/25-Q4 --url {Example}
        Press Ctrl+C to stop.
        """)]
    private static partial void LogReady(ILogger logger, string grpcAddress, string httpAddress, string dashboardAddress, string dataDirectory, string example);
}
