namespace Partnership.Domain;

/// <summary>
/// One row of an ONS district → community safety partnership → police force area lookup, with the
/// line it was read from. <see cref="PartnershipCode"/> is null where the file does not know it (the
/// built-in data; an ONS download always has it), and the partnership is then known by its name.
/// </summary>
public sealed record LookupRow(
    int Line,
    string DistrictCode,
    string DistrictName,
    string? PartnershipCode,
    string PartnershipName,
    string ForceCode,
    string ForceName)
{
    public string PartnershipKey => PartnershipCode ?? PartnershipName;
}
