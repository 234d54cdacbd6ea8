using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Partnership.TestSidecar;

// A test stand-in for daprd: the gRPC publish API on DAPR_GRPC_PORT, health and the peer broker on
// DAPR_HTTP_PORT, and delivery to the app on APP_PORT. See the README's Dapr section.
// Port 0 binds free ports; Kestrel then logs "Now listening on" for each, gRPC first as listed here,
// and the tests read them back (KestrelBanner).
var builder = WebApplication.CreateBuilder(args);
var options = SidecarOptions.From(builder.Configuration);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(System.Net.IPAddress.Loopback, options.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
    kestrel.Listen(System.Net.IPAddress.Loopback, options.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
});
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
builder.Logging.AddFilter("Grpc", LogLevel.Warning);
builder.Services.AddSingleton(options);
builder.Services.AddSingleton<SidecarStats>();
builder.Services.AddHttpClient();
builder.Services.AddSingleton<AppChannel>();
builder.Services.AddSingleton<Broker>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<Broker>());
builder.Services.AddGrpc();
builder.Services.AddSingleton<IServiceMethodProvider<DaprApi>, DaprServiceMethods>();

var app = builder.Build();
app.MapGrpcService<DaprApi>();
app.MapSidecarHttpApi();
app.Run();
