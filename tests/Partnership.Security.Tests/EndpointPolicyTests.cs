using System.Net;
using System.Net.Http.Headers;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Partnership.CrimeMeasures;
using Partnership.JusticeBoard;
using Partnership.Reporting;
using Partnership.Reporting.Subscriptions;
using Partnership.Safeguarding;
using Partnership.ServiceDefaults;
using Partnership.Testing;
using Partnership.VictimServices;
using GrpcService = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Partnership.Security.Tests;

/// <summary>
/// Every gRPC method and HTTP endpoint of every host declares who may call it: a named policy, or
/// anonymous on purpose. One that declares nothing would be refused by the fallback, so a new call
/// fails here, by name, before it fails a partner.
/// </summary>
public sealed class EndpointPolicyTests
{
    private static readonly GrpcService[] SubmissionServices =
        [Contracts.Status.V1.ReturnStatus.Descriptor, Contracts.Audit.V1.AuditTrail.Descriptor];

    private static readonly Dictionary<string, Host> Hosts = new()
    {
        ["crime-measures"] = new(b => b.AddCrimeMeasures(), a => a.MapCrimeMeasures(), [Contracts.Crime.V1.CrimeMeasures.Descriptor, .. SubmissionServices]),
        ["justice-board"] = new(b => b.AddJusticeBoard(), a => a.MapJusticeBoard(), [Contracts.Justice.V1.JusticeBoard.Descriptor, .. SubmissionServices]),
        ["victim-services"] = new(b => b.AddVictimServices(), a => a.MapVictimServices(), [Contracts.Victims.V1.VictimServices.Descriptor, .. SubmissionServices]),
        ["safeguarding"] = new(b => b.AddSafeguarding(), a => a.MapSafeguarding(), [Contracts.Safeguarding.V1.Safeguarding.Descriptor, .. SubmissionServices]),
        // As deployed: the aggregator with its Dapr subscription endpoints.
        ["reporting"] = new(
            b =>
            {
                b.Configuration["EventBus:Transport"] = "dapr";
                b.Configuration[SubscriptionExtensions.AppApiTokenKey] = "endpoint-policy-test";
                b.AddReporting();
                b.AddReportingSubscriptions();
            },
            a =>
            {
                a.MapReporting();
                a.MapReportingSubscriptions();
            },
            [Contracts.Reporting.V1.Reporting.Descriptor, Contracts.Reporting.V1.DeliveryReports.Descriptor, Contracts.Reporting.V1.ReportingOperations.Descriptor, Contracts.Reporting.V1.Editions.Descriptor]),
    };

    public static TheoryData<string> HostNames() => [.. Hosts.Keys];

    [Theory]
    [MemberData(nameof(HostNames))]
    public async Task Endpoints_EveryGrpcMethodAndHttpEndpoint_DeclaresAPolicyOrAnonymous(string host)
    {
        await using var app = await StartAsync(Hosts[host]);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        var undeclared = endpoints.Where(e => !Declares(e)).Select(e => e is RouteEndpoint route ? $"{e.DisplayName} at {route.RoutePattern.RawText}" : e.DisplayName).ToList();

        Assert.Empty(undeclared);
        // The list really holds every method of every service the host maps, and the probes.
        var methods = endpoints.Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.FullName).OfType<string>().ToHashSet();
        Assert.Superset(Hosts[host].Services.SelectMany(s => s.Methods).Select(m => $"/{m.Service.FullName}/{m.Name}").ToHashSet(), methods);
        Assert.Contains(endpoints, e => e is RouteEndpoint { RoutePattern.RawText: "/readyz" });
    }

    [Theory]
    [MemberData(nameof(HostNames))]
    public async Task Endpoints_JsonRoute_DeclaresWhatItsGrpcMethodDeclares(string host)
    {
        await using var app = await StartAsync(Hosts[host]);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        var json = endpoints.Where(e => e.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null).ToList();
        var grpc = endpoints
            .Where(e => e.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is null && e.Metadata.GetMetadata<GrpcMethodMetadata>() is not null)
            .ToLookup(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()!.Method.FullName);

        Assert.NotEmpty(json);
        Assert.All(json, route =>
        {
            var method = route.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>()!.MethodDescriptor;
            Assert.Equal(Declared(Assert.Single(grpc[$"/{method.Service.FullName}/{method.Name}"])), Declared(route));
        });
    }

    [Fact]
    public async Task Endpoints_Reflection_NeedsAVerifiedCallerAndTheOpenApiDocumentIsAnonymous()
    {
        await using var app = await StartAsync(Hosts["crime-measures"]);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        // Both versions of the reflection service grpcurl and Postman ask for.
        var reflection = endpoints.Where(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.ServiceName.StartsWith("grpc.reflection.", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(
            ["grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            reflection.Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()!.Method.ServiceName).Distinct().Order(StringComparer.Ordinal));
        Assert.All(reflection, e => Assert.Equal($"policies={Policies.AuthenticatedCaller}", Declared(e)));
        var document = Assert.Single(endpoints, e => e is RouteEndpoint { RoutePattern.RawText: "/openapi/{documentName}.json" });
        Assert.Equal("anonymous", Declared(document));
    }

    [Fact]
    public async Task Endpoints_DaprSidecarPolicy_UsesTheSchemeDaprRegisters()
    {
        await using var app = await StartAsync(Hosts["reporting"]);

        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.NotNull(await schemes.GetSchemeAsync(Policies.DaprSidecarScheme));
        Assert.Contains(
            app.Services.GetRequiredService<EndpointDataSource>().Endpoints,
            e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Policies.DaprSidecar));
    }

    [Theory]
    [InlineData(false, HttpStatusCode.Unauthorized)]
    [InlineData(true, HttpStatusCode.Forbidden)]
    public async Task Fallback_EndpointDeclaringNothing_Refused(bool withToken, HttpStatusCode expected)
    {
        var crime = Hosts["crime-measures"];
        await using var app = await StartAsync(crime with { Map = a => { crime.Map(a); a.MapGet("/undeclared", () => "answered"); } });
        using var client = Client(app, withToken);

        var response = await client.GetAsync(new Uri("/undeclared", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Fallback_PathMatchingNoEndpoint_PlainNotFound(bool withToken)
    {
        // The Dapr sidecar reads 404 as "drop" and 401 as "retry for ever": a path nobody serves stays 404.
        await using var app = await StartAsync(Hosts["reporting"]);
        using var client = Client(app, withToken);

        var response = await client.GetAsync(new Uri("/dapr/config", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static HttpClient Client(WebApplication app, bool withToken)
    {
        var client = app.GetTestServer().CreateClient();
        if (withToken)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Trusted());
        }

        return client;
    }

    /// <summary>A policy or role named, or anonymous on purpose.</summary>
    private static bool Declares(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
        || endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles));

    /// <summary>What an endpoint declares, as one comparable string.</summary>
    private static string Declared(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            ? "anonymous"
            : "policies=" + string.Join(',', endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? a.Roles).Order(StringComparer.Ordinal));

    private static async Task<WebApplication> StartAsync(Host host)
    {
        var store = TestStore.Sqlite();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(store.Settings);
        builder.Configuration.AddInMemoryCollection(TestTokens.Settings);
        builder.AddServiceDefaults();
        host.Add(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        host.Map(app);
        await app.StartAsync();
        app.Lifetime.ApplicationStopped.Register(store.Dispose);
        return app;
    }

    private sealed record Host(Action<WebApplicationBuilder> Add, Action<WebApplication> Map, GrpcService[] Services);
}
