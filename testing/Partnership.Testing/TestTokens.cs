using Partnership.Domain;
using Partnership.Security;

namespace Partnership.Testing;

/// <summary>
/// Development tokens for tests: the settings a service under test needs to trust the development
/// issuer, and tokens for the callers a test plays.
/// </summary>
public static class TestTokens
{
    /// <summary>Configuration keys that make a service trust the development issuer.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Auth:DevelopmentIssuer:Enabled"] = "true",
    };

    /// <summary>The same settings as environment variables, for services run as processes.</summary>
    public static IReadOnlyDictionary<string, string?> EnvironmentVariables { get; } =
        Settings.ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);

    /// <summary>
    /// A caller allowed everything: every role and every area of the built-in geography. For tests
    /// about something other than access control, which would otherwise each need the right agency.
    /// </summary>
    public static string Trusted() => For("Test harness", [.. Geography.Load().Areas.Select(a => a.Code)], [.. Roles.All]);

    public static string For(string agency, IReadOnlyList<string> areas, IReadOnlyList<string> roles, TimeSpan? lifetime = null) =>
        DevelopmentIssuer.Mint(new TokenRequest(agency, areas, roles) { Lifetime = lifetime ?? TimeSpan.FromHours(1) });

    /// <summary>A well-signed token with roles and areas but no <c>agency</c> claim, which the services refuse.</summary>
    public static string WithoutAgency(IReadOnlyList<string> areas, IReadOnlyList<string> roles) =>
        DevelopmentIssuer.Mint(new TokenRequest("", areas, roles) { Subject = "someone", Lifetime = TimeSpan.FromHours(1) });

    /// <summary>A CSP's submitter token for one district.</summary>
    public static string Csp(string agency, string districtCode) => For(agency, [districtCode], [Roles.CspSubmitter]);

    /// <summary>The authorization header value for a token.</summary>
    public static string Bearer(string token) => "Bearer " + token;
}
