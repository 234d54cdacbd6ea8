using Partnership.Domain;

namespace Partnership.Reporting.Comparisons;

/// <summary>The territorial police forces of England and Wales by police force area code, with their names, and the England and Wales total.</summary>
public sealed class PoliceForces
{
    /// <summary>The ONS code of England and Wales, under which national tables give their total.</summary>
    public const string EnglandAndWales = "K04000001";

    private readonly IReadOnlyDictionary<string, string> _names;

    public PoliceForces(IReadOnlyDictionary<string, string> names) => _names = names;

    public IReadOnlyCollection<string> Codes => [.. _names.Keys];

    public bool Contains(string code) => _names.ContainsKey(code);

    public string NameOf(string code) =>
        code == EnglandAndWales ? "England and Wales" : _names.TryGetValue(code, out var name) ? name : code;

    public static PoliceForces LoadBuiltIn() => new(NationalGeography.LoadBuiltIn().Memberships
        .GroupBy(m => m.ForceCode)
        .ToDictionary(g => g.Key, g => g.First().ForceName, StringComparer.Ordinal));
}
