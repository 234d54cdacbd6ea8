using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Partnership.Security;

/// <summary>
/// The issuer for the local run and the tests: HMAC-signed tokens with a symmetric key. The services
/// trust it only when <c>Auth:DevelopmentIssuer:Enabled</c> is set (the local host sets it), never
/// beside a real identity provider.
/// </summary>
public static class DevelopmentIssuer
{
    public const string Issuer = "partnership-development-issuer";
    public const string DefaultAudience = "partnership-exchange";

    /// <summary>
    /// The published development key: anyone can mint tokens with it, which is the point for a local
    /// run and exactly why a deployment must use a real identity provider (or its own key).
    /// </summary>
    public static byte[] WellKnownKey { get; } =
        SHA256.HashData(Encoding.UTF8.GetBytes("Partnership Data Exchange development issuer: NOT FOR PRODUCTION"));

    public static SymmetricSecurityKey SigningKey(string? base64Key) =>
        new(string.IsNullOrWhiteSpace(base64Key) ? WellKnownKey : Convert.FromBase64String(base64Key)) { KeyId = "partnership-development" };

    public static string Mint(TokenRequest request, SymmetricSecurityKey? key = null, DateTime? now = null)
    {
        var issuedAt = now ?? DateTime.UtcNow;
        var identity = new ClaimsIdentity();
        var names = new ClaimNames();
        identity.AddClaim(new Claim(names.Subject, request.Subject ?? request.Agency));
        // An empty agency mints a token without the claim, as a misconfigured provider would issue it.
        if (request.Agency.Length > 0)
        {
            identity.AddClaim(new Claim(names.Agency, request.Agency));
        }

        identity.AddClaims(request.Areas.Select(area => new Claim(names.Areas, area)));
        identity.AddClaims(request.Roles.Select(role => new Claim(names.Roles, role)));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = request.Issuer ?? Issuer,
            Audience = request.Audience ?? DefaultAudience,
            Subject = identity,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + request.Lifetime,
            SigningCredentials = new SigningCredentials(key ?? SigningKey(null), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}

/// <summary>What a development token says. Tests mint an already expired one by issuing it in the past.</summary>
public sealed record TokenRequest(string Agency, IReadOnlyList<string> Areas, IReadOnlyList<string> Roles)
{
    public string? Subject { get; init; }

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(8);

    public string? Audience { get; init; }

    public string? Issuer { get; init; }
}
