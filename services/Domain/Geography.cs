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

/// <summary>The areas and their nesting, loaded from data so a deployment can add its own force.</summary>
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

    public IReadOnlyCollection<AreaDefinition> Areas => _areas.Values;

    public bool TryGet(string code, out AreaDefinition area) => _areas.TryGetValue(code, out area!);

    public AreaDefinition Get(string code) =>
        _areas.TryGetValue(code, out var area) ? area : throw new KeyNotFoundException($"Unknown area '{code}'.");

    /// <summary>The districts of a force area on a date, in a stable order.</summary>
    public IReadOnlyList<AreaDefinition> DistrictsOf(string forceCode, DateOnly on) =>
        [.. _memberships
            .Where(m => m.Force == forceCode && m.IsEffectiveOn(on))
            .Select(m => _areas[m.District])
            .OrderBy(a => a.Name, StringComparer.Ordinal)];

    /// <summary>Every district that has ever belonged to a force area: a report's history reaches back past merges.</summary>
    public IReadOnlyList<AreaDefinition> DistrictsEverOf(string forceCode) =>
        [.. _memberships
            .Where(m => m.Force == forceCode)
            .Select(m => _areas[m.District])
            .Distinct()
            .OrderBy(a => a.Name, StringComparer.Ordinal)];

    /// <summary>The force area a district belonged to on a date, if any.</summary>
    public string? ForceOf(string districtCode, DateOnly on) =>
        _memberships.FirstOrDefault(m => m.District == districtCode && m.IsEffectiveOn(on))?.Force;

    public static Geography Load(string? file = null)
    {
        using var stream = file is null ? EmbeddedData.Open("geography.").Single() : File.OpenRead(file);
        var data = JsonSerializer.Deserialize<GeographyFile>(stream, MeasureCatalogue.JsonOptions)
            ?? throw new InvalidDataException("The geography file is empty.");
        return new Geography(data.Areas, data.Memberships);
    }

    private sealed record GeographyFile(List<AreaDefinition> Areas, List<AreaMembership> Memberships);
}
