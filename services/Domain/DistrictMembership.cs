namespace Partnership.Domain;

/// <summary>
/// A district's place in a partnership and a force from one date to another, both inclusive;
/// <see cref="To"/> is null while it still applies.
/// </summary>
public sealed record DistrictMembership(
    string DistrictCode,
    string DistrictName,
    string? PartnershipCode,
    string PartnershipName,
    string ForceCode,
    string ForceName,
    DateOnly From,
    DateOnly? To)
{
    /// <summary>The partnership's code, or its name where the lookup does not know the code.</summary>
    public string PartnershipKey => PartnershipCode ?? PartnershipName;

    public bool IsEffectiveOn(DateOnly date) => From <= date && (To is null || date <= To);
}
