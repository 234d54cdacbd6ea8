using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Partnership.SystemTests.Dashboard;

/// <summary>
/// A real OpenID Connect provider in this process (OpenIddict's server, on a free loopback port):
/// discovery, JWKS with a generated RSA key, an authorize endpoint that requires PKCE and shows a
/// sign-in page, and a token endpoint that checks the code verifier and the client's secret. It knows
/// one client and signs in one partner, with the claims a real provider would be configured to send.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "partnership-dashboard";
    public const string ClientSecret = "test-provider-secret";
    public const string Agency = "West Yorkshire OPCC";
    public const string Subject = "analyst-7";

    private readonly WebApplication _app;

    private TestIdentityProvider(WebApplication app) => _app = app;

    /// <summary>The issuer, with its trailing slash, as the discovery document names it.</summary>
    public string Authority { get; private set; } = "";

    /// <summary>The areas and roles the signed-in partner holds.</summary>
    public static IReadOnlyList<string> Areas { get; } = [Testing.Areas.WestYorkshire];

    public static IReadOnlyList<string> Roles { get; } = [Security.Roles.PartnerReader, Security.Roles.SafeguardingReader];

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.Profile);
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            options.DisableAccessTokenEncryption();
            // No database: the code is a self-contained encrypted token, and the one client is checked here.
            options.EnableDegradedMode();
            options.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }

                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client or secret.");
                }

                return default;
            }));
            options.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .DisableTransportSecurityRequirement();
        });

        var app = builder.Build();
        app.MapGet("/connect/authorize", Authorize);
        app.MapPost("/connect/authorize", Authorize);
        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            // The code's principal, once OpenIddict has checked the verifier against its challenge.
            var code = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(code.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestIdentityProvider(app) { Authority = address.TrimEnd('/') + "/" };
    }

    // A page with a button first, as a real provider shows, so a test can see it was sent here; the
    // button posts the same request back with consent.
    private static IResult Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (!http.Request.HasFormContentType || http.Request.Form["consent"] != "yes")
        {
            var fields = string.Concat(request.GetParameters().Select(p =>
                $"<input type=\"hidden\" name=\"{HtmlEncoder.Default.Encode(p.Key)}\" value=\"{HtmlEncoder.Default.Encode(p.Value.ToString() ?? "")}\">"));
            return Results.Content(
                $"<!DOCTYPE html><html lang=\"en\"><head><title>Test provider</title></head><body><h1 id=\"provider\">Test identity provider</h1>"
                + $"<form method=\"post\" action=\"/connect/authorize\">{fields}<input type=\"hidden\" name=\"consent\" value=\"yes\"><button id=\"approve\" type=\"submit\">Sign in as {Subject}</button></form></body></html>",
                "text/html; charset=utf-8");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, Subject));
        identity.AddClaim(new Claim("agency", Agency));
        identity.AddClaims(Areas.Select(area => new Claim("areas", area)));
        identity.AddClaims(Roles.Select(role => new Claim("roles", role)));
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
