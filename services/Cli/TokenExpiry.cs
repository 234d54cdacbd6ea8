using System.Globalization;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Partnership.Cli;

/// <summary>
/// Reads a token's expiry without checking its signature (only the server can), so a token that has
/// run out is named as such before any call, with the time it ran out.
/// </summary>
internal static class TokenExpiry
{
    /// <summary>The agency <paramref name="token"/> names (the one the services record as its sender); null when it cannot be read.</summary>
    public static string? Agency(string? token)
    {
        try
        {
            return token is null ? null : new JsonWebToken(token).TryGetPayloadValue<string>("agency", out var agency) ? agency : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The reason to refuse <paramref name="token"/>, in the server's words; null when it has not expired or cannot be read (the server decides).</summary>
    public static string? Check(string? token, DateTimeOffset now)
    {
        if (token is null)
        {
            return null;
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var expires = jwt.ValidTo;
        return expires == DateTime.MinValue || expires > now.UtcDateTime
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"The token expired at {expires:HH:mm} UTC on {expires:yyyy-MM-dd}.");
    }
}
