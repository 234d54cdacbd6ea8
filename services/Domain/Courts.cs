using System.Text.Json;

namespace Partnership.Domain;

public enum CourtType
{
    Crown,
    Magistrates,
}

/// <summary>A court of a force area, with a stable code partners and returns use to name it.</summary>
public sealed record CourtDefinition(string Code, string Name, CourtType Type, string Force, string Town = "");

/// <summary>
/// The courts each force area's criminal justice board reports on, loaded from data like the
/// geography, so a deployment can add its own force's courts (or a court that opens) without a release.
/// </summary>
public sealed class Courts
{
    private readonly Dictionary<string, CourtDefinition> _byCode;

    public Courts(IEnumerable<CourtDefinition> courts, Geography geography)
    {
        _byCode = new Dictionary<string, CourtDefinition>(StringComparer.Ordinal);
        foreach (var court in courts)
        {
            if (!geography.TryGet(court.Force, out var force) || force.Type != AreaType.Force)
            {
                throw new InvalidDataException($"The court {court.Code} serves '{court.Force}', which is not a force area of the geography.");
            }

            if (!_byCode.TryAdd(court.Code, court))
            {
                throw new InvalidDataException($"The courts file defines '{court.Code}' twice.");
            }
        }
    }

    public IReadOnlyCollection<CourtDefinition> All => _byCode.Values;

    public bool TryGet(string code, out CourtDefinition court) => _byCode.TryGetValue(code, out court!);

    /// <summary>The courts serving a force area, Crown Courts first, then by name.</summary>
    public IReadOnlyList<CourtDefinition> OfForce(string forceCode) =>
        [.. _byCode.Values.Where(c => c.Force == Geography.Canonical(forceCode)).OrderBy(c => c.Type).ThenBy(c => c.Name, StringComparer.Ordinal)];

    public static Courts Load(Geography geography, string? file = null)
    {
        using var stream = file is null ? EmbeddedData.Open("courts.").Single() : File.OpenRead(file);
        var data = JsonSerializer.Deserialize<List<CourtDefinition>>(stream, MeasureCatalogue.JsonOptions)
            ?? throw new InvalidDataException("The courts file is empty.");
        return new Courts(data, geography);
    }
}
