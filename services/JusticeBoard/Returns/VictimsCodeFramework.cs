using System.Text.Json;
using System.Text.Json.Serialization;
using Partnership.Domain;

namespace Partnership.JusticeBoard.Returns;

public sealed record VictimsCodeSource(string Code, string Name);

public sealed record VictimsCodeMeasure(string Code, string Name, string Numerator, string Denominator, string Source)
{
    public string MeasureId => JusticeMeasures.VictimsCode(Code);
}

public sealed record VictimsCodeRight(int Number, string Title, IReadOnlyList<VictimsCodeMeasure> Measures);

/// <summary>
/// The Victims' Code compliance framework: rights, their measures (each a numerator over a
/// denominator from one data source) and the sources. The national definitions are still being
/// settled, so the framework is data that a deployment can replace, and returns are checked against it.
/// </summary>
public sealed class VictimsCodeFramework
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly Dictionary<string, VictimsCodeMeasure> _measures;

    public VictimsCodeFramework(string version, IReadOnlyList<VictimsCodeRight> rights, IReadOnlyList<VictimsCodeSource> sources, MeasureCatalogue catalogue)
    {
        Version = version;
        Rights = rights;
        Sources = sources;
        _measures = new Dictionary<string, VictimsCodeMeasure>(StringComparer.Ordinal);
        var sourceCodes = sources.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var measure in rights.SelectMany(r => r.Measures))
        {
            if (!_measures.TryAdd(measure.Code, measure))
            {
                throw new InvalidDataException($"The Victims' Code framework defines the measure '{measure.Code}' twice.");
            }

            if (!sourceCodes.Contains(measure.Source))
            {
                throw new InvalidDataException($"The Victims' Code measure '{measure.Code}' names the source '{measure.Source}', which the framework does not define.");
            }

            // The aggregator rolls up only what the catalogue knows; a framework measure it lacks would vanish from the report.
            if (!catalogue.TryGet(measure.MeasureId, out var defined) || defined.Kind != FigureKind.Ratio)
            {
                throw new InvalidDataException($"The Victims' Code measure '{measure.Code}' needs the ratio measure '{measure.MeasureId}' in the measure catalogue.");
            }
        }
    }

    public string Version { get; }

    public IReadOnlyList<VictimsCodeRight> Rights { get; }

    public IReadOnlyList<VictimsCodeSource> Sources { get; }

    public IReadOnlyCollection<VictimsCodeMeasure> Measures => _measures.Values;

    public bool TryGetMeasure(string code, out VictimsCodeMeasure measure) => _measures.TryGetValue(code, out measure!);

    public bool HasSource(string code) => Sources.Any(s => s.Code == code);

    public static VictimsCodeFramework Load(MeasureCatalogue catalogue, string? file = null)
    {
        using var stream = file is null
            ? typeof(VictimsCodeFramework).Assembly.GetManifestResourceStream("Partnership.JusticeBoard.Data.victims-code.json")!
            : File.OpenRead(file);
        var data = JsonSerializer.Deserialize<FrameworkFile>(stream, JsonOptions)
            ?? throw new InvalidDataException("The Victims' Code framework file is empty.");
        return new VictimsCodeFramework(data.Version, data.Rights, data.Sources, catalogue);
    }

    private sealed record FrameworkFile(string Version, List<VictimsCodeSource> Sources, List<VictimsCodeRight> Rights);
}
