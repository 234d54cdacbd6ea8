using Microsoft.AspNetCore.Http;

namespace Partnership.Submissions.Security;

/// <summary>
/// A stand-in until authentication arrives: the caller states its agency and roles in request
/// headers (gRPC metadata). It is not a security boundary; the security work replaces it with one
/// that reads the same facts from a verified JWT.
/// </summary>
public sealed class HeaderSubmitterContext(IHttpContextAccessor accessor) : ISubmitterContext
{
    public const string AgencyHeader = "x-partnership-agency";
    public const string RolesHeader = "x-partnership-roles";

    public string? Agency => accessor.HttpContext?.Request.Headers[AgencyHeader].ToString() is { Length: > 0 } agency ? agency : null;

    public bool IsInRole(string role) =>
        accessor.HttpContext?.Request.Headers[RolesHeader]
            .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Contains(role, StringComparer.OrdinalIgnoreCase) ?? false;
}
