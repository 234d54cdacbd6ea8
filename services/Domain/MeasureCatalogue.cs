using System.Text.Json;
using System.Text.Json.Serialization;

namespace Partnership.Domain;

/// <summary>
/// The measure catalogue, loaded from data: one JSON file per domain service, so a deployment can
/// add measures without a release.
/// </summary>
public sealed class MeasureCatalogue
{
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly Dictionary<string, MeasureDefinition> _byId;

    public MeasureCatalogue(IEnumerable<MeasureDefinition> measures)
    {
        _byId = new Dictionary<string, MeasureDefinition>(StringComparer.Ordinal);
        foreach (var measure in measures)
        {
            if (!_byId.TryAdd(measure.Id, measure))
            {
                throw new InvalidDataException($"The measure catalogue defines '{measure.Id}' twice.");
            }
        }

        if (_byId.Values.FirstOrDefault(m => m.Disclosure is { Threshold: < 2 }) is { } hidesNothing)
        {
            throw new InvalidDataException($"The measure '{hidesNothing.Id}' has a disclosure threshold of {hidesNothing.Disclosure!.Threshold}, which hides nothing; use 2 or more, or leave \"disclosure\" out.");
        }

        foreach (var derived in _byId.Values.Where(m => m.DerivedFrom is not null))
        {
            CheckDeclaration(derived);
            foreach (var component in derived.DerivedFrom!.Components)
            {
                if (!_byId.TryGetValue(component, out var source) || source.IsDerived)
                {
                    throw new InvalidDataException($"The derived measure '{derived.Id}' is computed from '{component}', which is not a submitted measure of the catalogue.");
                }

                // A rate shown beside a hidden component would give it away, so it is controlled too.
                if (source.IsDisclosive && !derived.IsDisclosive)
                {
                    throw new InvalidDataException($"The derived measure '{derived.Id}' is computed from '{component}', which is disclosive; give '{derived.Id}' a \"disclosure\" rule too.");
                }
            }
        }
    }

    public IReadOnlyCollection<MeasureDefinition> All => _byId.Values;

    /// <summary>A derived measure has a measure denominator or a population, never both; a rate per 1,000 says so in its unit.</summary>
    private static void CheckDeclaration(MeasureDefinition derived)
    {
        var from = derived.DerivedFrom!;
        var problem = (from.Denominator, from.PerPopulation) switch
        {
            (null, null) => "names neither a \"denominator\" measure nor \"perPopulation\"",
            (not null, not null) => "names both a \"denominator\" measure and \"perPopulation\"; a rate has one denominator",
            (null, not 1000) => $"is per {from.PerPopulation} population; only \"perPopulation\": 1000 is supported",
            (null, 1000) when derived.Unit != FigureDisplay.PerThousand => $"is per 1,000 population, so its unit must be \"{FigureDisplay.PerThousand}\", not \"{derived.Unit}\"",
            (not null, null) when derived.Unit == FigureDisplay.PerThousand => $"has the unit \"{FigureDisplay.PerThousand}\" but divides by {from.Denominator}; give \"perPopulation\": 1000 instead",
            _ => null,
        };
        if (problem is not null)
        {
            throw new InvalidDataException($"The derived measure '{derived.Id}' {problem}.");
        }
    }

    public bool TryGet(string id, out MeasureDefinition measure) => _byId.TryGetValue(id, out measure!);

    public MeasureDefinition Get(string id) =>
        _byId.TryGetValue(id, out var measure) ? measure : throw new KeyNotFoundException($"Unknown measure '{id}'.");

    public IReadOnlyList<MeasureDefinition> ForService(string service) =>
        [.. _byId.Values.Where(m => m.Service == service).OrderBy(m => m.Id, StringComparer.Ordinal)];

    /// <summary>Loads the catalogue shipped with the build, plus any extra files a deployment names.</summary>
    public static MeasureCatalogue Load(IEnumerable<string>? extraFiles = null)
    {
        var measures = new List<MeasureDefinition>();
        foreach (var stream in EmbeddedData.Open("measures."))
        {
            using (stream)
            {
                measures.AddRange(Read(stream, "built-in catalogue"));
            }
        }

        foreach (var file in extraFiles ?? [])
        {
            using var stream = File.OpenRead(file);
            measures.AddRange(Read(stream, file));
        }

        return new MeasureCatalogue(measures);
    }

    private static List<MeasureDefinition> Read(Stream stream, string source) =>
        JsonSerializer.Deserialize<List<MeasureDefinition>>(stream, JsonOptions)
        ?? throw new InvalidDataException($"The measure catalogue in {source} is empty.");
}

internal static class EmbeddedData
{
    public static IEnumerable<Stream> Open(string prefix)
    {
        var assembly = typeof(EmbeddedData).Assembly;
        const string root = "Partnership.Domain.Data.";
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(root + prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            yield return assembly.GetManifestResourceStream(name)!;
        }
    }
}
