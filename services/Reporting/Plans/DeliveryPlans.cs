using System.Text.Json;
using System.Text.Json.Serialization;
using Partnership.Domain;

namespace Partnership.Reporting.Plans;

/// <summary>
/// The plans this aggregator reports against, one file per force: the built-in ones shipped with the
/// build (<c>Data/plan.&lt;force code&gt;.json</c>) and any a deployment names in <c>Reporting:PlanFiles</c>.
/// </summary>
public sealed class DeliveryPlans
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly Dictionary<string, DeliveryPlan> _byForce;

    public DeliveryPlans(IEnumerable<DeliveryPlan> plans, Geography geography, MeasureCatalogue catalogue)
    {
        _byForce = new Dictionary<string, DeliveryPlan>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            Validate(plan, geography, catalogue);
            // A deployment's own file replaces the built-in plan for the same force.
            _byForce[plan.ForceAreaCode] = plan;
        }
    }

    public IReadOnlyCollection<DeliveryPlan> All => _byForce.Values;

    public bool TryGet(string forceAreaCode, out DeliveryPlan plan) => _byForce.TryGetValue(Geography.Canonical(forceAreaCode), out plan!);

    public static DeliveryPlans Load(Geography geography, MeasureCatalogue catalogue, IEnumerable<string>? extraFiles = null)
    {
        var plans = new List<DeliveryPlan>();
        var assembly = typeof(DeliveryPlans).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            // Named as it sits in the repository, where it would be fixed.
            plans.Add(Read(stream, $"built-in {name[(ResourcePrefix.Length - "plan.".Length)..]}"));
        }

        foreach (var file in extraFiles ?? [])
        {
            using var stream = File.OpenRead(file);
            plans.Add(Read(stream, file));
        }

        return new DeliveryPlans(plans, geography, catalogue);
    }

    public static DeliveryPlan Read(Stream stream, string source) =>
        (JsonSerializer.Deserialize<DeliveryPlan>(stream, JsonOptions) ?? throw new InvalidDataException($"The plan in {source} is empty.")) with { File = source };

    private const string ResourcePrefix = "Partnership.Reporting.Data.plan.";

    private static void Validate(DeliveryPlan plan, Geography geography, MeasureCatalogue catalogue)
    {
        var file = plan.File.Length > 0 ? plan.File : plan.Title;
        if (!geography.TryGet(plan.ForceAreaCode, out var force) || force.Type != AreaType.Force)
        {
            throw new InvalidDataException($"The plan file {file} ('{plan.Title}') is for '{plan.ForceAreaCode}', which is not a force area.");
        }

        var problems = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, objective, measure) in plan.Rows())
        {
            if (!seen.TryAdd(measure.Measure, objective.Id))
            {
                problems.Add($"'{measure.Measure}' is listed under objectives '{seen[measure.Measure]}' and '{objective.Id}'; a measure belongs to one objective");
            }
        }

        problems.AddRange(PlanCatalogueCheck.Problems(plan, catalogue));
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"The plan file {file} ('{plan.Title}') cannot be used:{string.Concat(problems.Select(p => $"{Environment.NewLine}- {p}"))}");
        }
    }
}
