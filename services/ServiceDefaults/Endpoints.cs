using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Partnership.ServiceDefaults;

/// <summary>
/// The two listeners every service has: plaintext HTTP/2 for gRPC, and HTTP/1.1 for health probes,
/// the Dapr subscription endpoint and pages. Without TLS, Kestrel cannot offer both protocols on one
/// port (there is no ALPN to choose), so they are separate.
/// </summary>
public sealed record ServiceEndpoints(int GrpcPort, int HttpPort)
{
    /// <summary>Default ports; deploy/ uses the same numbers and a test checks they agree.</summary>
    public static readonly ServiceEndpoints CrimeMeasures = new(5101, 5201);
    public static readonly ServiceEndpoints JusticeBoard = new(5102, 5202);
    public static readonly ServiceEndpoints VictimServices = new(5103, 5203);
    public static readonly ServiceEndpoints Safeguarding = new(5104, 5204);
    public static readonly ServiceEndpoints Reporting = new(5105, 5205);
    public static readonly ServiceEndpoints LocalHost = new(5080, 5081);
}

public static class EndpointExtensions
{
    /// <summary>
    /// Listens on <c>Endpoints:GrpcPort</c> and <c>Endpoints:HttpPort</c> (defaults given), bound to
    /// <c>Endpoints:Host</c> (127.0.0.1 by default; 0.0.0.0 in a container). With
    /// <c>Endpoints:Certificate:Path</c> (a PKCS#12 file) and <c>Endpoints:Certificate:Password</c>,
    /// both listeners speak TLS.
    /// </summary>
    public static IHostApplicationBuilder UsePartnershipEndpoints(this IHostApplicationBuilder builder, ServiceEndpoints defaults)
    {
        if (builder is not Microsoft.AspNetCore.Builder.WebApplicationBuilder web)
        {
            return builder;
        }

        var section = builder.Configuration.GetSection("Endpoints");
        var host = IPAddress.Parse(section["Host"] ?? "127.0.0.1");
        var grpcPort = section.GetValue("GrpcPort", defaults.GrpcPort);
        var httpPort = section.GetValue("HttpPort", defaults.HttpPort);
        var certificate = section["Certificate:Path"];
        var password = section["Certificate:Password"];
        web.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(host, grpcPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (!string.IsNullOrEmpty(certificate))
                {
                    // With TLS, partners' tokens never cross the network in the clear.
                    listen.UseHttps(certificate, password);
                }
            });
            kestrel.Listen(host, httpPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                if (!string.IsNullOrEmpty(certificate))
                {
                    listen.UseHttps(certificate, password);
                }
            });
        });
        return builder;
    }
}
