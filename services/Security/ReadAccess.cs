using Partnership.Domain;

namespace Partnership.Security;

/// <summary>
/// Which figures a reader sees, in one place for every service that serves them, the domain services
/// and the aggregator alike: restricted and safeguarding figures are read only with the role for them,
/// or by the agency that submitted them.
/// </summary>
public static class ReadAccess
{
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
