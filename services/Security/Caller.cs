using System.Security.Claims;
using Partnership.Domain;

namespace Partnership.Security;

/// <summary>
/// Who is calling, read from a verified token: the agency, the person or system acting for it, the
/// areas it may submit for (a retired area code in a token counts as its area's code), its roles, and
/// where the call came from (for the audit trail).
/// </summary>
public sealed record Caller(
    string Agency,
    string Subject,
    IReadOnlySet<string> Areas,
    IReadOnlySet<string> Roles,
    string ClientAddress)
{
    /// <summary>A caller without a verified token: no agency, no areas, no roles.</summary>
    public static Caller Anonymous { get; } = new("", "", new HashSet<string>(), new HashSet<string>(), "");

    public bool IsAuthenticated => Subject.Length > 0 || Agency.Length > 0;

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>
    /// Whether the caller may act for <paramref name="areaCode"/>: only areas named in its token. A
    /// force-level submitter holds the force area code; holding it does not extend to the districts.
    /// </summary>
    public bool HoldsArea(string areaCode) => Areas.Contains(Geography.Canonical(areaCode));

    public static Caller FromPrincipal(ClaimsPrincipal? principal, string? clientAddress, ClaimNames names)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return Anonymous with { ClientAddress = clientAddress ?? "" };
        }

        return new Caller(
            principal.FindFirst(names.Agency)?.Value ?? "",
            principal.FindFirst(names.Subject)?.Value ?? "",
            new HashSet<string>(Values(principal, names.Areas).Select(Geography.Canonical), StringComparer.Ordinal),
            Values(principal, names.Roles),
            clientAddress ?? "");
    }

    /// <summary>
    /// A caller for work the host does itself (seeding demo data through the pipeline), holding
    /// exactly the one area and role that work needs, so it passes the same checks a partner does.
    /// </summary>
    public static Caller InProcess(string agency, string areaCode, string role) =>
        new(agency, "in-process", new HashSet<string>(StringComparer.Ordinal) { Geography.Canonical(areaCode) }, new HashSet<string>(StringComparer.Ordinal) { role }, "in-process");

    /// <summary>
    /// The claim a verified token lacks that every call needs, or null when it has them all. Every
    /// token names its agency, a reader's as well as a submitter's: the audit trail records who acted.
    /// </summary>
    public static string? MissingClaim(ClaimsPrincipal principal, ClaimNames names) =>
        string.IsNullOrWhiteSpace(principal.FindFirst(names.Agency)?.Value) ? names.Agency : null;

    // Some providers send a list claim as one space- or comma-separated value rather than repeated claims.
    private static HashSet<string> Values(ClaimsPrincipal principal, string type) =>
        new(principal.FindAll(type).SelectMany(c => c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), StringComparer.Ordinal);
}

/// <summary>The caller of the current request (or <see cref="Caller.Anonymous"/> outside one).</summary>
public interface ICallerContext
{
    Caller Current { get; }
}
