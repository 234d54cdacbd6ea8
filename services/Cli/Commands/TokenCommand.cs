using System.CommandLine;
using Partnership.Domain;
using Partnership.Security;

namespace Partnership.Cli.Commands;

/// <summary>
/// <c>partnership token</c>: a development token for a named agency, signed with the development
/// issuer's key, for the local run and tests. A real deployment's services do not trust it.
/// </summary>
internal static class TokenCommand
{
    public const string SigningKeyVariable = "PARTNERSHIP_DEV_SIGNING_KEY";

    public static Command Create(CliContext context)
    {
        var agency = new Option<string>("--agency") { Description = "The agency the token speaks for, e.g. \"Bradford CSP\"", Required = true };
        var areas = new Option<string[]>("--area")
        {
            Description = "An area code the agency submits for or reads restricted figures of (repeat for several), e.g. E08000032; a force code covers its districts for a reader",
            AllowMultipleArgumentsPerToken = true,
        };
        var roles = new Option<string[]>("--role")
        {
            Description = $"A role (repeat for several): {string.Join(", ", Roles.All)}",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var subject = new Option<string?>("--subject") { Description = "Who acts for the agency (default: the agency)" };
        var hours = new Option<int>("--hours") { Description = "How long the token is valid", DefaultValueFactory = _ => 8 };
        var audience = new Option<string>("--audience") { Description = "The audience the services expect", DefaultValueFactory = _ => DevelopmentIssuer.DefaultAudience };
        var signingKey = new Option<string?>("--signing-key") { Description = $"Base64 key of the development issuer (or set {SigningKeyVariable}); default: the published development key" };

        var command = new Command("token", "Print a development token for an agency (send it with --token or PARTNERSHIP_TOKEN)")
        {
            agency, areas, roles, subject, hours, audience, signingKey,
        };
        command.SetAction(result =>
        {
            if (result.GetValue(hours) is < 1 or > 24 * 7)
            {
                context.Error.WriteLine("--hours: give a lifetime from 1 to 168 hours.");
                return ExitCodes.Rejected;
            }

            var (areaCodes, roleNames) = (result.GetValue(areas) ?? [], result.GetRequiredValue(roles));
            if (!CheckAreas(context, areaCodes) || !CheckRoles(context, roleNames))
            {
                return ExitCodes.Rejected;
            }

            var key = result.GetValue(signingKey) ?? context.GetEnvironmentVariable(SigningKeyVariable);
            var request = new TokenRequest(result.GetRequiredValue(agency), areaCodes, roleNames)
            {
                Subject = result.GetValue(subject),
                Audience = result.GetRequiredValue(audience),
                Lifetime = TimeSpan.FromHours(result.GetValue(hours)),
            };
            context.Out.WriteLine(DevelopmentIssuer.Mint(request, DevelopmentIssuer.SigningKey(key)));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// A token naming an area the exchange does not know would be minted, then refused call by call;
    /// saying so here names the typo. Retired codes are known: the services read them as their areas.
    /// </summary>
    private static bool CheckAreas(CliContext context, string[] codes)
    {
        var geography = Geography.Load();
        var unknown = codes.Where(c => !geography.TryGet(c.Trim(), out _)).ToList();
        if (unknown.Count == 0)
        {
            return true;
        }

        var named = string.Join(", ", unknown.Select(c => $"'{c}'"));
        context.Error.WriteLine($"--area: {named} {(unknown.Count == 1 ? "is not an area code" : "are not area codes")} the exchange knows; give a district, partnership or force code, e.g. E08000032 (Bradford) or E23000010 (West Yorkshire).");
        return false;
    }

    private static bool CheckRoles(CliContext context, string[] roles)
    {
        var unknown = roles.Where(r => !Roles.All.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count == 0)
        {
            return true;
        }

        var named = string.Join(", ", unknown.Select(r => $"'{r}'"));
        context.Error.WriteLine($"--role: {named} {(unknown.Count == 1 ? "is not a role" : "are not roles")}; the roles are {string.Join(", ", Roles.All)}.");
        return false;
    }
}
