using Partnership.Security;

namespace Partnership.Submissions.Security;

/// <summary>
/// Who may write a domain service's returns, in one place for every service: a submitter writes only
/// to its own service (by role, also its method's policy) and only for the areas its token holds. Which figures a reader sees is
/// <see cref="ReadAccess"/>'s decision, for the domain services and the aggregator alike.
/// </summary>
public static class SubmissionAccess
{
    /// <summary>Why <paramref name="caller"/> may not submit for <paramref name="areaCode"/>, or null when it may.</summary>
    public static string? DenialReason(Caller caller, ServiceIdentity service, string areaCode) =>
        RoleDenialReason(caller, service) ?? (caller.HoldsArea(areaCode) ? null : "This token may not submit for that area.");

    /// <summary>
    /// Why <paramref name="caller"/> may not submit to this service at all, or null when it holds the
    /// role. A partner's call is refused earlier, by its method's submit policy, before the request is
    /// read; this keeps the pipeline safe for work the host does itself.
    /// </summary>
    private static string? RoleDenialReason(Caller caller, ServiceIdentity service)
    {
        if (!caller.IsAuthenticated)
        {
            return "The call carries no verified token.";
        }

        return caller.IsInRole(service.SubmitterRole) ? null : $"This token does not hold the role that submits to the {service.Name} service.";
    }

    /// <summary>
    /// Whether the caller is the agency that submitted a return (still a submitter of this service for
    /// its area), and so reads it whole. Another agency holding the same role for the area does not:
    /// it reads the return as any reader would.
    /// </summary>
    public static bool IsSubmitter(Caller caller, ServiceIdentity service, string areaCode, string submittedBy) =>
        caller.Agency.Length > 0 && string.Equals(caller.Agency, submittedBy, StringComparison.Ordinal)
        && caller.IsInRole(service.SubmitterRole) && caller.HoldsArea(areaCode);
}
