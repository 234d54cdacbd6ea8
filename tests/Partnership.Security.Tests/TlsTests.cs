using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Partnership.CrimeMeasures;
using Partnership.ServiceDefaults;
using Partnership.Testing;
using Audit = Partnership.Contracts.Audit.V1;

namespace Partnership.Security.Tests;

/// <summary>A service configured with a certificate (Endpoints:Certificate:*) answers gRPC over TLS on real sockets.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task SubmitReturn_OverHttpsWithGeneratedCertificate_AcceptedAndClientAddressAudited()
    {
        using var certificate = SelfSigned();
        var pfx = Path.Combine(Path.GetTempPath(), $"partnership-tls-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-password"));
        using var store = TestStore.Sqlite();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Configuration.AddInMemoryCollection(TestTokens.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Port 0: the system picks free ports as it binds, and the server reports them once started.
            ["Endpoints:GrpcPort"] = "0",
            ["Endpoints:HttpPort"] = "0",
            ["Endpoints:Certificate:Path"] = pfx,
            ["Endpoints:Certificate:Password"] = "test-password",
        });
        builder.AddServiceDefaults();
        builder.UsePartnershipEndpoints(ServiceEndpoints.CrimeMeasures);
        builder.AddCrimeMeasures();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapCrimeMeasures();
        await app.StartAsync();
        var pools = SqlitePools.Of(app.Services, [typeof(CrimeMeasuresDbContext)]);
        try
        {
            // The gRPC listener is bound first, so its address comes first.
            var grpcAddress = app.Urls.First();
            // Trust exactly the generated certificate, as a partner would pin a private CA.
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
            };
            using var channel = GrpcChannel.ForAddress(grpcAddress, new GrpcChannelOptions { HttpHandler = handler });

            var accepted = await new Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresClient(channel)
                .SubmitReturnAsync(Returns.CrimeReturn(), SecureExchange.As(Returns.BradfordCsp()));
            var trail = await new Audit.AuditTrail.AuditTrailClient(channel).ListAuditEntriesAsync(
                new Audit.ListAuditEntriesRequest { AreaCode = Returns.Bradford, Period = Contracts.ContractMapping.ToContract(Returns.Quarter) },
                SecureExchange.As(TestTokensFor.Role("OPCC auditor", Roles.AuditReader)));

            Assert.Equal(1, accepted.Revision);
            Assert.Equal(IPAddress.Loopback.ToString(), Assert.Single(trail.Entries).ClientAddress);
            // The plaintext scheme no longer works on the TLS port.
            using var plain = GrpcChannel.ForAddress(grpcAddress.Replace("https://", "http://", StringComparison.Ordinal));
            await Assert.ThrowsAnyAsync<Exception>(() => new Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresClient(plain)
                .ListMeasuresAsync(new Contracts.Crime.V1.ListMeasuresRequest(), SecureExchange.As(Returns.BradfordCsp())).ResponseAsync);
        }
        finally
        {
            await app.StopAsync();
            SqlitePools.Clear(pools);
            File.Delete(pfx);
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=partnership-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
