using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Partnership.Security;

namespace Partnership.ServiceDefaults;

/// <summary>
/// <c>Auth</c> settings. Production names any OIDC issuer (<see cref="Authority"/>, whose discovery
/// document gives the signing keys) and the audience the exchange's tokens are issued for; the local
/// run and the tests enable the development issuer instead.
/// </summary>
public sealed class AuthSettings
{
    public const string SectionName = "Auth";

    public string? Authority { get; set; }

    public string? Audience { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    public DevelopmentIssuerSettings DevelopmentIssuer { get; set; } = new();

    public ClaimNames Claims { get; set; } = new();

    /// <summary>Sign-in from a browser to the dashboard and the partner pages (<see cref="BrowserSignIn"/>).</summary>
    public BrowserSignInSettings Browser { get; set; } = new();

    public bool UsesIdentityProvider => !string.IsNullOrWhiteSpace(Authority);
}

public sealed class DevelopmentIssuerSettings
{
    public bool Enabled { get; set; }

    /// <summary>Base64 HMAC key; empty means the published development key.</summary>
    public string? SigningKey { get; set; }
}

public static class AuthenticationExtensions
{
    /// <summary>
    /// JWT bearer authentication on every endpoint (issuer, audience, lifetime and signature checked),
    /// the named policies every endpoint declares (<see cref="Policies"/>), a fallback that refuses an
    /// endpoint declaring none, and <see cref="ICallerContext"/> for domain code to ask who is calling.
    /// </summary>
    public static TBuilder AddPartnershipAuthentication<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var developmentByDefault = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<AuthSettings>()
            .Bind(builder.Configuration.GetSection(AuthSettings.SectionName))
            .PostConfigure(settings => settings.DevelopmentIssuer.Enabled |= developmentByDefault && !settings.UsesIdentityProvider)
            .Validate(
                settings => settings.UsesIdentityProvider || settings.DevelopmentIssuer.Enabled,
                "No identity provider is configured: set Auth:Authority and Auth:Audience (any OIDC issuer), or Auth:DevelopmentIssuer:Enabled=true for a local run.")
            .Validate(
                settings => !settings.UsesIdentityProvider || !string.IsNullOrWhiteSpace(settings.Audience),
                "Auth:Authority is set but Auth:Audience is not: tokens must be issued for this exchange.")
            .Validate(
                settings => !(settings.UsesIdentityProvider && settings.DevelopmentIssuer.Enabled),
                "Auth:Authority and Auth:DevelopmentIssuer:Enabled are both set: trust one issuer, not both.")
            .Validate(
                settings => !settings.Browser.DevelopmentSignIn || settings.DevelopmentIssuer.Enabled,
                "Auth:Browser:DevelopmentSignIn lets anyone sign in as any agency: it is for the development issuer's local run only.")
            .Validate(
                settings => string.IsNullOrWhiteSpace(settings.Browser.ClientId) || settings.UsesIdentityProvider,
                "Auth:Browser:ClientId names a client of an identity provider: set Auth:Authority too.")
            .Validate(
                settings => settings.Browser.IdleTimeout > TimeSpan.Zero && settings.Browser.AbsoluteTimeout > TimeSpan.Zero,
                "Auth:Browser:IdleTimeout and Auth:Browser:AbsoluteTimeout must be longer than zero.")
            .ValidateOnStart();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthSettings>>((options, settings) => Configure(options, settings.Value));
        builder.AddPartnershipPolicies();
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddScoped<ICallerContext, HttpCallerContext>();
        return builder;
    }

    /// <summary>
    /// The one place policies are registered. Every gRPC method and HTTP endpoint names one of them or
    /// says it is anonymous (a test lists them all); the fallback refuses one that declares nothing. A
    /// path that matches no endpoint stays a plain 404: the Dapr sidecar reads 404 as "drop" and 401
    /// as "retry for ever".
    /// </summary>
    private static void AddPartnershipPolicies<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton<IAuthorizationHandler, RoleRequirementHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, PolicyRefusalHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.AuthenticatedCaller, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.SubmitCrimeMeasures, Submitter(Roles.CspSubmitter))
            .AddPolicy(Policies.SubmitJusticeBoard, Submitter(Roles.LcjbSubmitter))
            .AddPolicy(Policies.SubmitVictimServices, Submitter(Roles.VictimsSubmitter))
            .AddPolicy(Policies.SubmitSafeguarding, Submitter(Roles.SafeguardingSubmitter))
            .AddPolicy(Policies.ReadAuditTrail, Role(new RoleRequirement(Roles.AuditReader, "This token does not hold the role that reads the audit trail.")))
            .AddPolicy(Policies.Operations, Role(new RoleRequirement(Roles.Operations, $"Dead letters are read with the '{Roles.Operations}' role, which this token does not hold.")))
            .AddPolicy(Policies.EditEditions, Role(new RoleRequirement(Roles.OpccEditor, $"Drafts of an edition are made and edited with the '{Roles.OpccEditor}' role, which this token does not hold.")))
            .AddPolicy(Policies.SignOffEditions, Role(new RoleRequirement(Roles.OpccApprover, $"An edition is signed off with the '{Roles.OpccApprover}' role, which this token does not hold.")))
            .AddPolicy(Policies.ChaseReturns, Role(new RoleRequirement(Roles.OpccEditor, $"The chase list is read with the '{Roles.OpccEditor}' role, which this token does not hold.")))
            // Only the sidecar's own scheme: a partner's bearer token never reaches these endpoints.
            .AddPolicy(Policies.DaprSidecar, policy => policy.AddAuthenticationSchemes(Policies.DaprSidecarScheme).RequireAuthenticatedUser())
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAssertion(context => context.Resource is HttpContext http && http.GetEndpoint() is null)
                .Build());
    }

    private static Action<AuthorizationPolicyBuilder> Submitter(string role) =>
        Role(new RoleRequirement(role, $"This token does not hold the '{role}' role, the role that submits to this service."));

    private static Action<AuthorizationPolicyBuilder> Role(RoleRequirement requirement) =>
        policy => policy.RequireAuthenticatedUser().AddRequirements(requirement);

    private static Task RequireClaims(TokenValidatedContext context, ClaimNames names)
    {
        if (context.Principal is { } principal && Caller.MissingClaim(principal, names) is { } claim)
        {
            context.Fail(new MissingClaimException(claim));
        }

        return Task.CompletedTask;
    }

    // The 401 says why the token was refused (expired when, which issuer, which claim is missing): in
    // WWW-Authenticate for any client, and as the gRPC status (a status in the headers outranks the
    // HTTP code) so a gRPC client shows it rather than "HTTP 401".
    private static Task SayWhy(JwtBearerChallengeContext context)
    {
        if (Reason(context.AuthenticateFailure) is { } reason)
        {
            context.Error = "invalid_token";
            context.ErrorDescription = reason;
            if (PolicyRefusalHandler.IsGrpc(context.Request))
            {
                context.Response.Headers["grpc-status"] = ((int)StatusCode.Unauthenticated).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["grpc-message"] = reason;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Why a token was refused, in words a partner can act on; null for a failure with nothing to add.</summary>
    internal static string? Reason(Exception? failure) => failure switch
    {
        MissingClaimException missing => missing.Message,
        SecurityTokenExpiredException expired => string.Create(CultureInfo.InvariantCulture,
            $"The token expired at {expired.Expires:HH:mm} UTC on {expired.Expires:yyyy-MM-dd}."),
        SecurityTokenInvalidIssuerException issuer =>
            $"The token was issued by '{issuer.InvalidIssuer}', an issuer this server does not trust.",
        SecurityTokenInvalidAudienceException audience =>
            $"The token is for '{audience.InvalidAudience}', not for this exchange.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            "The token is not signed with a key this server trusts: it was minted for another server, or with another signing key.",
        _ => null,
    };

    private static void Configure(JwtBearerOptions options, AuthSettings settings)
    {
        // Claim names stay as the issuer wrote them ("roles", "areas"), not remapped to WS-* URIs.
        options.MapInboundClaims = false;
        var parameters = options.TokenValidationParameters;
        parameters.ValidateIssuer = true;
        parameters.ValidateAudience = true;
        parameters.ValidateLifetime = true;
        parameters.ValidateIssuerSigningKey = true;
        parameters.RequireExpirationTime = true;
        parameters.RequireSignedTokens = true;
        parameters.ClockSkew = TimeSpan.FromSeconds(30);
        parameters.NameClaimType = settings.Claims.Subject;
        parameters.RoleClaimType = settings.Claims.Roles;
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context => RequireClaims(context, settings.Claims),
            OnChallenge = SayWhy,
        };

        if (settings.UsesIdentityProvider)
        {
            options.Authority = settings.Authority;
            options.Audience = settings.Audience;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            parameters.ValidAudience = settings.Audience;
            return;
        }

        if (settings.DevelopmentIssuer.Enabled)
        {
            parameters.ValidIssuer = DevelopmentIssuer.Issuer;
            parameters.ValidAudience = settings.Audience ?? DevelopmentIssuer.DefaultAudience;
            parameters.IssuerSigningKey = DevelopmentIssuer.SigningKey(settings.DevelopmentIssuer.SigningKey);
            parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
    }
}

/// <summary>A well-signed token that lacks a claim every call needs: it authenticates no one.</summary>
internal sealed class MissingClaimException(string claim)
    : Exception($"The token has no '{claim}' claim: every token must name the agency it acts for.");

/// <summary>The caller of the current HTTP request, from its validated token.</summary>
internal sealed class HttpCallerContext(IHttpContextAccessor accessor, IOptions<AuthSettings> settings) : ICallerContext
{
    private Caller? _caller;

    // Work the host does itself (no request) acts as the caller it named; a request as its token says.
    public Caller Current => InProcessCaller.Current ?? (_caller ??= Read());

    private Caller Read()
    {
        var http = accessor.HttpContext;
        return Caller.FromPrincipal(http?.User, http?.Connection.RemoteIpAddress?.ToString(), settings.Value.Claims);
    }
}
