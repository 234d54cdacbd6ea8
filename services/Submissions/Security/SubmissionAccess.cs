using Partnership.Domain;
using Partnership.Security;

namespace Partnership.Submissions.Security;

/// <summary>
/// Who may write and read a domain service's returns, in one place for every service: a submitter
/// writes only to its own service (by role) and only for the areas its token holds; restricted and
/// safeguarding figures are read only with the role for them, or by the agency that submitted them.
/// </summary>
public static class SubmissionAccess
{
    /// <summary>Why <paramref name="caller"/> may not submit for <paramref name="areaCode"/>, or null when it may.</summary>
    public static string? DenialReason(Caller caller, ServiceIdentity service, string areaCode)
    {
        if (!caller.IsAuthenticated)
        {
            return "The call carries no verified token.";
        }

        if (!caller.IsInRole(service.SubmitterRole))
        {
            return $"This token does not hold the role that submits to the {service.Name} service.";
        }

        return caller.HoldsArea(areaCode) ? null : "This token may not submit for that area.";
    }

    /// <summary>Whether the caller is a submitter of this service for this area, and so sees its own figures whole.</summary>
    public static bool IsOwnArea(Caller caller, ServiceIdentity service, string areaCode) =>
        caller.IsInRole(service.SubmitterRole) && caller.HoldsArea(areaCode);

    /// <summary>Whether a reader may see a figure of <paramref name="measure"/> with this confidentiality.</summary>
    public static bool MayRead(Caller caller, MeasureDefinition measure, Confidentiality confidentiality, bool ownArea)
    {
        if (ownArea)
        {
            return true;
        }

        // Suppressed figures are never published: only the agency that submitted them reads them back.
        if (confidentiality == Confidentiality.Suppressed)
        {
            return false;
        }

        // Raw safeguarding figures (small counts of identifiable people) need their own role, whatever their marking.
        if (measure.Service == SafeguardingService)
        {
            return caller.IsInRole(Roles.SafeguardingReader);
        }

        return confidentiality == Confidentiality.Free || caller.IsInRole(Roles.PartnerReader);
    }

    private const string SafeguardingService = "safeguarding";
}
