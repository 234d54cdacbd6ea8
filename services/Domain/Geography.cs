using System.Text;
using System.Text.Json;

namespace Partnership.Domain;

public enum AreaType
{
    Force,
    District,
}

public sealed record AreaDefinition(string Code, string Name, AreaType Type, long? Population = null);

/// <summary>A district's membership of a force area, effective-dated because partnerships merge.</summary>
public sealed record AreaMembership(string District, string Force, DateOnly? From = null, DateOnly? To = null)
{
    public bool IsEffectiveOn(DateOnly date) => (From is null || From <= date) && (To is null || date <= To);
}

/// <summary>
/// The forces and their reporting "districts" (community safety partnerships), effective-dated: every
/// force of England and Wales from the national lookup, and the earlier memberships a curated file
/// knows. An area's retired codes are resolved to its code here and nowhere else.
/// </summary>
public sealed class Geography
{
    private readonly Dictionary<string, AreaDefinition> _areas;
    private readonly IReadOnlyList<AreaMembership> _memberships;

    public Geography(IEnumerable<AreaDefinition> areas, IEnumerable<AreaMembership> memberships)
    {
        _areas = areas.ToDictionary(a => a.Code, StringComparer.Ordinal);
        _memberships = [.. memberships];
        foreach (var membership in _memberships)
        {
            if (!_areas.ContainsKey(membership.District) || !_areas.ContainsKey(membership.Force))
            {
                throw new InvalidDataException($"The geography links {membership.District} to {membership.Force}, but one of them is not defined.");
            }
        }
    }

    /// <summary>
    /// Codes the exchange once used for an area, and the code it uses now: accepted on every input
    /// (<see cref="Canonical"/>) and rewritten in stored data by each database's schema step. West
    /// Yorkshire was kept under its metropolitan county's code before forces took their police force
    /// area codes. Both codes have nine characters, so a step can rewrite them inside stored bytes too.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> RetiredCodes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["E11000006"] = "E23000010",
    };

    public IReadOnlyCollection<AreaDefinition> Areas => _areas.Values;

    /// <summary>The code an area is known by now: a retired code becomes its area's code; any other code is returned as it is.</summary>
    public static string Canonical(string code) => RetiredCodes.TryGetValue(code, out var current) ? current : code;

    public bool TryGet(string code, out AreaDefinition area) => _areas.TryGetValue(Canonical(code), out area!);

    public AreaDefinition Get(string code) =>
        TryGet(code, out var area) ? area : throw new KeyNotFoundException($"Unknown area '{code}'.");

    /// <summary>The districts of a force area on a date, in a stable order.</summary>
    public IReadOnlyList<AreaDefinition> DistrictsOf(string forceCode, DateOnly on)
    {
        var force = Canonical(forceCode);
        return [.. _memberships
            .Where(m => m.Force == force && m.IsEffectiveOn(on))
            .Select(m => _areas[m.District])
            .Distinct()
            .OrderBy(a => a.Name, StringComparer.Ordinal)];
    }

    /// <summary>Every district that has ever belonged to a force area: a report's history reaches back past merges.</summary>
    public IReadOnlyList<AreaDefinition> DistrictsEverOf(string forceCode)
    {
        var force = Canonical(forceCode);
        return [.. _memberships
            .Where(m => m.Force == force)
            .Select(m => _areas[m.District])
            .Distinct()
            .OrderBy(a => a.Name, StringComparer.Ordinal)];
    }

    /// <summary>The force area a district belonged to on a date, if any.</summary>
    public string? ForceOf(string districtCode, DateOnly on)
    {
        var district = Canonical(districtCode);
        return _memberships.FirstOrDefault(m => m.District == district && m.IsEffectiveOn(on))?.Force;
    }

    /// <summary>The built-in national lookup with the built-in curated history (or <paramref name="file"/> in its place).</summary>
    public static Geography Load(string? file = null) => Load(NationalGeography.LoadBuiltIn(), file);

    /// <summary>
    /// Every force and partnership of the national lookup's vintages, plus the curated file's areas
    /// (which give populations, and names where they define a code too) and earlier memberships.
    /// </summary>
    public static Geography Load(NationalGeography national, string? file = null)
    {
        using var stream = file is null ? EmbeddedData.Open("geography.").Single() : File.OpenRead(file);
        var curated = JsonSerializer.Deserialize<GeographyFile>(stream, MeasureCatalogue.JsonOptions)
            ?? throw new InvalidDataException("The geography file is empty.");

        var areas = curated.Areas.ToDictionary(a => a.Code, StringComparer.Ordinal);
        var memberships = new List<AreaMembership>(curated.Memberships);
        foreach (var vintage in national.Memberships.GroupBy(m => m.From))
        {
            foreach (var partnership in vintage.GroupBy(m => (m.ForceCode, m.PartnershipKey)))
            {
                var first = partnership.First();
                var code = PartnershipCode(first.PartnershipCode, first.PartnershipName, [.. partnership.Select(m => m.DistrictCode)]);
                areas.TryAdd(first.ForceCode, new AreaDefinition(first.ForceCode, first.ForceName, AreaType.Force));
                areas.TryAdd(code, new AreaDefinition(code, first.PartnershipName, AreaType.District));
                memberships.Add(new AreaMembership(code, first.ForceCode, first.From, first.To));
            }
        }

        return new Geography(areas.Values, memberships);
    }

    /// <summary>
    /// A partnership's area code: its CSP code where the lookup gives one; else its one district's code;
    /// else a local key from its name (<c>csp-north-worcestershire</c>), a stand-in that is not a GSS code,
    /// until a lookup with the partnerships' codes is loaded.
    /// </summary>
    public static string PartnershipCode(string? partnershipCode, string partnershipName, IReadOnlyList<string> districtCodes)
    {
        if (partnershipCode is not null)
        {
            return partnershipCode;
        }

        if (districtCodes.Count == 1)
        {
            return districtCodes[0];
        }

        var key = new StringBuilder("csp-");
        foreach (var c in partnershipName.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                key.Append(c);
            }
            else if (key[^1] != '-')
            {
                key.Append('-');
            }
        }

        return key.ToString().TrimEnd('-');
    }

    private sealed record GeographyFile(List<AreaDefinition> Areas, List<AreaMembership> Memberships);
}
