using Partnership.Domain;

namespace Partnership.Security;

/// <summary>
/// Which figures a reader sees, and whose partner view it may ask for, in one place for every service
/// that serves them, the domain services and the aggregator alike. Free figures are anyone's. A
/// restricted figure needs <c>partner-reader</c>, a safeguarding figure <c>safeguarding-reader</c>, and
/// either only for the areas the token holds: a force's code covers the force and the districts that
/// belong to it on the figure's date, a district's code that district. <c>national-reader</c> extends
/// the reader roles the token holds to every area; it grants no figures by itself. The agency that
/// submitted a return reads it whole.
/// </summary>
public sealed class ReadAccess(Geography geography)
{
    /// <summary>
    /// Whether <paramref name="caller"/> may see a figure of <paramref name="measure"/> with this
    /// confidentiality, for <paramref name="areaCode"/> in a period ending <paramref name="on"/>.
    /// </summary>
    public bool MayRead(Caller caller, MeasureDefinition measure, Confidentiality confidentiality, string areaCode, DateOnly on, bool ownReturn = false)
    {
        if (ownReturn)
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
            return caller.IsInRole(Roles.SafeguardingReader) && Covers(caller, areaCode, on);
        }

        return confidentiality == Confidentiality.Free || (caller.IsInRole(Roles.PartnerReader) && Covers(caller, areaCode, on));
    }

    /// <summary>Whether reading a figure of this kind is recorded in the audit trail: any restricted or safeguarding figure.</summary>
    public static bool IsAudited(MeasureDefinition measure, Confidentiality confidentiality) =>
        confidentiality != Confidentiality.Free || measure.Service == SafeguardingService;

    /// <summary>
    /// Why <paramref name="caller"/> may not have the partner view of <paramref name="forceCode"/>'s
    /// figures (true small counts), or null when it may: it needs a reader role, and the force among
    /// its areas (or the national role). A district's reader reads its district's figures from the
    /// domain services; the force's view holds the other districts' too.
    /// </summary>
    public static string? PartnerViewDenial(Caller caller, string forceCode)
    {
        if (!caller.IsInRole(Roles.PartnerReader) && !caller.IsInRole(Roles.SafeguardingReader))
        {
            return $"The partner view shows restricted figures and needs the '{Roles.PartnerReader}' or '{Roles.SafeguardingReader}' role; ask for the public view, or call with the role.";
        }

        return caller.IsInRole(Roles.NationalReader) || caller.HoldsArea(forceCode)
            ? null
            : $"This token reads restricted figures only of its own areas, and '{forceCode}' is not one of them; ask for the public view of '{forceCode}'.";
    }

    /// <summary>Whether the token's areas cover <paramref name="areaCode"/> on <paramref name="on"/>: the area itself, or the force it belonged to then.</summary>
    public bool Covers(Caller caller, string areaCode, DateOnly on) =>
        caller.IsInRole(Roles.NationalReader)
        || caller.HoldsArea(areaCode)
        || (geography.ForceOf(areaCode, on) is { } force && caller.HoldsArea(force));

    private const string SafeguardingService = "safeguarding";
}
