using System.Text.RegularExpressions;

namespace Partnership.Domain;

/// <summary>
/// The ONS (GSS) code types of the areas in the district → partnership → force lookup: three
/// characters naming the entity type, then six digits.
/// </summary>
public static partial class GssCodes
{
    /// <summary>Local authority districts: unitary (E06), non-metropolitan (E07), metropolitan (E08), London borough (E09), Welsh unitary (W06).</summary>
    public static bool IsDistrict(string code) => DistrictPattern().IsMatch(code);

    /// <summary>Community safety partnerships: E22 in England, W22 in Wales.</summary>
    public static bool IsPartnership(string code) => PartnershipPattern().IsMatch(code);

    /// <summary>Police force areas: E23 in England, W15 in Wales.</summary>
    public static bool IsForce(string code) => ForcePattern().IsMatch(code);

    [GeneratedRegex("^(E0[6-9]|W06)[0-9]{6}$")]
    private static partial Regex DistrictPattern();

    [GeneratedRegex("^[EW]22[0-9]{6}$")]
    private static partial Regex PartnershipPattern();

    [GeneratedRegex("^(E23|W15)[0-9]{6}$")]
    private static partial Regex ForcePattern();
}
