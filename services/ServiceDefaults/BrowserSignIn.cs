using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Partnership.Domain;
using Partnership.Security;

namespace Partnership.ServiceDefaults;

/// <summary>
/// <c>Auth:Browser</c> settings. With <see cref="AuthSettings.Authority"/> and a <see cref="ClientId"/>,
/// a browser signs in at the identity provider (authorization code with PKCE); the local run offers
/// the development sign-in page instead.
/// </summary>
public sealed class BrowserSignInSettings
{
    /// <summary>The exchange's client at the identity provider.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The local host's page where you pick an agency, areas and roles; never beside a real provider.</summary>
    public bool DevelopmentSignIn { get; set; }

    /// <summary>A session unused this long ends (each request renews it).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however busy.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);

    public bool UsesIdentityProvider => !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>
/// The browser's session: a cookie holding the same claims a token carries (agency, areas, roles),
/// so the caller, the policies and the read-access service are the ones every gRPC call goes through.
/// A request with an <c>Authorization</c> header is always judged by its token; the cookie is read only
/// for page reads and for posts that carry an antiforgery token.
/// </summary>
public static class BrowserSignIn
{
    public const string SessionScheme = "partnership-session";
    public const string IdentityProviderScheme = "partnership-oidc";
    public const string CookieName = "partnership.session";
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";

    private const string TokenOrSession = "partnership-token-or-session";
    private const string SignedInAt = "partnership.signed-in-at";

    public static TBuilder AddBrowserSignIn<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var settings = builder.Configuration.GetSection(AuthSettings.SectionName).Get<AuthSettings>() ?? new AuthSettings();
        var browser = settings.Browser;
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "partnership.antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        var authentication = builder.Services.AddAuthentication(options => options.DefaultScheme = TokenOrSession)
            .AddPolicyScheme(TokenOrSession, "bearer token or browser session", options => options.ForwardDefaultSelector = Select)
            .AddCookie(SessionScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = browser.IdleTimeout;
                options.SlidingExpiration = true;
                options.LoginPath = SignInPath;
                options.LogoutPath = SignOutPath;
                options.Events.OnSigningIn = context => Stamp(context, options);
                options.Events.OnValidatePrincipal = context => EndAfterAbsoluteTimeout(context, browser.AbsoluteTimeout);
                // A role policy's refusal is a 403 with its reason, as for a token, not a redirect to a page.
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
                if (browser.UsesIdentityProvider)
                {
                    options.ForwardChallenge = IdentityProviderScheme;
                }
            });
        if (browser.UsesIdentityProvider)
        {
            authentication.AddOpenIdConnect(IdentityProviderScheme, options => ConfigureIdentityProvider(options, settings));
        }

        return builder;
    }

    /// <summary>
    /// Whether a request for a partner page should be sent to sign in rather than refused: a browser
    /// (it asks for HTML) with neither a token nor a session, on an exchange that offers sign-in.
    /// </summary>
    public static bool ShouldSignIn(HttpContext http)
    {
        var settings = http.RequestServices.GetRequiredService<IOptions<AuthSettings>>().Value.Browser;
        return (settings.DevelopmentSignIn || settings.UsesIdentityProvider)
            && http.User.Identity?.IsAuthenticated != true
            && http.Request.Headers.Authorization.Count == 0
            && http.Request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
    }

    /// <summary>Sends the browser to sign in, then back to the page it asked for.</summary>
    public static IResult SignInFirst(HttpRequest request) =>
        Results.Challenge(new AuthenticationProperties { RedirectUri = request.PathBase + request.Path + request.QueryString }, [SessionScheme]);

    /// <summary>
    /// <c>GET /signin</c> (the session, or how to start one), <c>POST /signout</c>, and on the local
    /// host <c>POST /signin</c>, the development sign-in. Posts need the page's antiforgery token.
    /// </summary>
    public static IEndpointRouteBuilder MapBrowserSignIn(this IEndpointRouteBuilder app)
    {
        var settings = app.ServiceProvider.GetRequiredService<IOptions<AuthSettings>>().Value;
        // The host's pipeline (WebApplication) checks the posts' tokens, after it has read the session.
        (app as IApplicationBuilder)?.UseAntiforgery();
        var pages = app.MapGroup("").AllowAnonymous();
        pages.MapGet(SignInPath, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) => SignInPage(http, antiforgery, settings, LocalOrHome(returnUrl)));
        pages.MapPost(SignOutPath, async (HttpContext http, IFormCollection form) =>
        {
            await http.SignOutAsync(SessionScheme);
            return Results.Redirect("/");
        });
        if (settings.Browser.DevelopmentSignIn)
        {
            pages.MapPost(SignInPath, (HttpContext http, IAntiforgery antiforgery, Geography geography, IFormCollection form) => DevelopmentSignInAsync(http, antiforgery, geography, form, settings.Claims));
        }

        return app;
    }

    private static IResult SignInPage(HttpContext http, IAntiforgery antiforgery, AuthSettings settings, string returnUrl)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return Html(BrowserSignInPages.Session(Caller.FromPrincipal(http.User, null, settings.Claims), antiforgery.GetAndStoreTokens(http)));
        }

        if (settings.Browser.DevelopmentSignIn)
        {
            return Html(BrowserSignInPages.DevelopmentSignIn(returnUrl, antiforgery.GetAndStoreTokens(http), []));
        }

        return settings.Browser.UsesIdentityProvider
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityProviderScheme])
            : Results.Text("This exchange offers no browser sign-in: set Auth:Browser:ClientId (docs/security.md), or call with a bearer token.", statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> DevelopmentSignInAsync(HttpContext http, IAntiforgery antiforgery, Geography geography, IFormCollection form, ClaimNames names)
    {
        var agency = form["agency"].ToString().Trim();
        var areas = form["areas"].ToString().Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var roles = form["roles"].Where(r => !string.IsNullOrEmpty(r)).Select(r => r!).ToList();
        var returnUrl = LocalOrHome(form["returnUrl"]);
        List<string> problems = [];
        if (agency.Length == 0)
        {
            problems.Add("Agency: name the agency you act for, e.g. West Yorkshire OPCC.");
        }

        if (areas.Where(a => !geography.TryGet(a, out _)).ToList() is { Count: > 0 } unknown)
        {
            problems.Add($"Areas: {string.Join(", ", unknown.Select(a => $"'{a}'"))} {(unknown.Count == 1 ? "is not an area code" : "are not area codes")} the exchange knows; give a district, partnership or force code, e.g. E08000032 (Bradford) or E23000010 (West Yorkshire).");
        }

        if (roles.Where(r => !Roles.All.Contains(r, StringComparer.Ordinal)).ToList() is { Count: > 0 } strange)
        {
            problems.Add($"Roles: {string.Join(", ", strange.Select(r => $"'{r}'"))} {(strange.Count == 1 ? "is not a role" : "are not roles")}.");
        }

        if (problems.Count > 0)
        {
            return Html(BrowserSignInPages.DevelopmentSignIn(returnUrl, antiforgery.GetAndStoreTokens(http), problems), StatusCodes.Status400BadRequest);
        }

        // The claims a development token would carry, so the caller is read from them the same way.
        var identity = new ClaimsIdentity(SessionScheme, names.Subject, names.Roles);
        identity.AddClaim(new Claim(names.Subject, $"development sign-in: {agency}"));
        identity.AddClaim(new Claim(names.Agency, agency));
        identity.AddClaims(areas.Select(area => new Claim(names.Areas, Geography.Canonical(area))));
        identity.AddClaims(roles.Select(role => new Claim(names.Roles, role)));
        await http.SignInAsync(SessionScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(returnUrl);
    }

    // A token decides whenever one is sent. The session cookie counts for reads and for posts checked
    // for an antiforgery token; anything else a browser could be tricked into sending (a JSON post to
    // the API) must carry a token.
    private static string Select(HttpContext context) =>
        context.Request.Headers.Authorization.Count == 0
        && context.Request.Cookies.ContainsKey(CookieName)
        && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>()?.RequiresValidation == true)
            ? SessionScheme
            : JwtBearerDefaults.AuthenticationScheme;

    // Renewing a sliding session moves its issue time, so the sign-in time is kept beside it.
    private static Task Stamp(CookieSigningInContext context, CookieAuthenticationOptions options)
    {
        if (!context.Properties.Items.ContainsKey(SignedInAt))
        {
            context.Properties.Items[SignedInAt] = Now(options).ToString("O", CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }

    private static async Task EndAfterAbsoluteTimeout(CookieValidatePrincipalContext context, TimeSpan absolute)
    {
        var signedIn = context.Properties.Items.TryGetValue(SignedInAt, out var at)
            && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var when)
                ? when
                : DateTimeOffset.MinValue;
        if (Now(context.Options) - signedIn >= absolute)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SessionScheme);
        }
    }

    private static DateTimeOffset Now(CookieAuthenticationOptions options) => (options.TimeProvider ?? TimeProvider.System).GetUtcNow();

    private static void ConfigureIdentityProvider(OpenIdConnectOptions options, AuthSettings settings)
    {
        options.SignInScheme = SessionScheme;
        options.Authority = settings.Authority;
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.ClientId = settings.Browser.ClientId;
        options.ClientSecret = settings.Browser.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        // The code comes back on a top-level GET, so the correlation cookies can be SameSite=Lax.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        // The identity token's claims keep the names the provider gave them, as a bearer token's do.
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.SaveTokens = false;
        options.TokenValidationParameters.NameClaimType = settings.Claims.Subject;
        options.TokenValidationParameters.RoleClaimType = settings.Claims.Roles;
        options.Events.OnTokenValidated = context =>
        {
            if (context.Principal is { } principal && Caller.MissingClaim(principal, settings.Claims) is { } claim)
            {
                context.Fail(new MissingClaimException(claim));
            }

            return Task.CompletedTask;
        };
        options.Events.OnRemoteFailure = context =>
        {
            context.HandleResponse();
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsync($"Sign-in failed: {context.Failure?.Message}");
        };
    }

    private static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] != '/' && url[1] != '\\' ? url : "/";

    private static IResult Html(string page, int status = StatusCodes.Status200OK) =>
        Results.Content(page, "text/html; charset=utf-8", statusCode: status);
}
