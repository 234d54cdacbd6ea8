using Microsoft.Extensions.Configuration;

namespace Partnership.Domain;

/// <summary>
/// Every district of England and Wales in its community safety partnership and police force area,
/// effective-dated: built from lookup vintages, each applying from its date until the next one's.
/// Two vintages with the same date: the later one given wins, so a configured file can correct the
/// built-in one.
/// </summary>
public sealed class NationalGeography
{
    /// <summary>The built-in December 2023 lookup applies from the April 2023 reorganisations (Cumberland, Westmorland and Furness, North Yorkshire, Somerset).</summary>
    public static readonly DateOnly BuiltInEffectiveFrom = new(2023, 4, 1);

    private const string BuiltInResource = "lad-csp-pfa.2023-12.csv";

    public NationalGeography(IEnumerable<LookupVintage> vintages)
    {
        // Stable sort, then the last of each date: a later vintage given for the same date replaces it.
        Vintages = [.. vintages
            .Select((vintage, order) => (vintage, order))
            .GroupBy(v => v.vintage.EffectiveFrom)
            .Select(g => g.MaxBy(v => v.order).vintage)
            .OrderBy(v => v.EffectiveFrom)];
        if (Vintages.Count == 0)
        {
            throw new ArgumentException("The geography needs at least one lookup vintage.", nameof(vintages));
        }

        var memberships = new List<DistrictMembership>();
        for (var i = 0; i < Vintages.Count; i++)
        {
            DateOnly? to = i + 1 < Vintages.Count ? Vintages[i + 1].EffectiveFrom.AddDays(-1) : null;
            memberships.AddRange(Vintages[i].Rows.Select(r => new DistrictMembership(
                r.DistrictCode, r.DistrictName, r.PartnershipCode, r.PartnershipName, r.ForceCode, r.ForceName, Vintages[i].EffectiveFrom, to)));
        }

        Memberships = memberships;
    }

    public IReadOnlyList<LookupVintage> Vintages { get; }

    public IReadOnlyList<DistrictMembership> Memberships { get; }

    /// <summary>The geography on a date: empty before the earliest vintage.</summary>
    public IReadOnlyList<DistrictMembership> On(DateOnly date) => [.. Memberships.Where(m => m.IsEffectiveOn(date))];

    public DistrictMembership? DistrictOn(string districtCode, DateOnly date) =>
        Memberships.FirstOrDefault(m => m.DistrictCode == districtCode && m.IsEffectiveOn(date));

    /// <summary>The districts of a force area on a date, by name.</summary>
    public IReadOnlyList<DistrictMembership> DistrictsOfForce(string forceCode, DateOnly date) =>
        [.. On(date).Where(m => m.ForceCode == forceCode).OrderBy(m => m.DistrictName, StringComparer.Ordinal)];

    /// <summary>The partnerships of a force area on a date, by name.</summary>
    public IReadOnlyList<string> PartnershipsOfForce(string forceCode, DateOnly date) =>
        [.. DistrictsOfForce(forceCode, date).Select(m => m.PartnershipName).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The districts of a partnership (by code, or by name where the code is not known) on a date, by name.</summary>
    public IReadOnlyList<DistrictMembership> DistrictsOfPartnership(string partnershipKey, DateOnly date) =>
        [.. On(date).Where(m => m.PartnershipKey == partnershipKey).OrderBy(m => m.DistrictName, StringComparer.Ordinal)];

    /// <summary>The built-in lookup only.</summary>
    public static NationalGeography LoadBuiltIn() => new([ReadBuiltIn()]);

    /// <summary>The built-in lookup, then each file an operator configured under <c>Geography:LookupFiles</c>.</summary>
    public static NationalGeography Load(IConfiguration configuration) =>
        Load(configuration.GetSection("Geography:LookupFiles").Get<LookupFileOptions[]>());

    public static NationalGeography Load(IEnumerable<LookupFileOptions>? files)
    {
        var vintages = new List<LookupVintage> { ReadBuiltIn() };
        foreach (var (file, index) in (files ?? []).Select((f, i) => (f, i)))
        {
            if (string.IsNullOrWhiteSpace(file.Path) || file.EffectiveFrom is not { } from)
            {
                throw new InvalidDataException($"Geography:LookupFiles:{index} needs both Path and EffectiveFrom (a date, e.g. 2024-04-01); it has Path '{file.Path}' and EffectiveFrom '{file.EffectiveFrom}'.");
            }

            vintages.Add(OnsLookupReader.ReadFile(file.Path, from));
        }

        return new NationalGeography(vintages);
    }

    // The built-in file does not know its partnerships' codes (see lad-csp-pfa.notes.md), so it may leave them empty.
    private static LookupVintage ReadBuiltIn()
    {
        using var stream = EmbeddedData.Open(BuiltInResource).Single();
        using var reader = new StreamReader(stream);
        return OnsLookupReader.Read(reader, "built-in " + BuiltInResource, BuiltInEffectiveFrom, partnershipCodesRequired: false);
    }
}
