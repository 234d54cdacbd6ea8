using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Partnership.Security;

namespace Partnership.ServiceDefaults;

/// <summary>
/// The caller's token holds <see cref="Role"/>; <see cref="Denial"/> is what a caller without it is
/// told. It speaks only of the caller's own token.
/// </summary>
public sealed record RoleRequirement(string Role, string Denial) : IAuthorizationRequirement;

/// <summary>Reads roles as <see cref="Caller"/> does (repeated, space- or comma-separated claims), not as ASP.NET's role claim type.</summary>
internal sealed class RoleRequirementHandler(IOptions<AuthSettings> settings) : AuthorizationHandler<RoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (Caller.FromPrincipal(context.User, null, settings.Value.Claims).IsInRole(requirement.Role))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
