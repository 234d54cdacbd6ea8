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

    public DeliveryPlans(IEnumerable<DeliveryPlan> plans, Geography geography)
    {
        _byForce = new Dictionary<string, DeliveryPlan>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            Validate(plan, geography);
            // A deployment's own file replaces the built-in plan for the same force.
            _byForce[plan.ForceAreaCode] = plan;
        }
    }

    public IReadOnlyCollection<DeliveryPlan> All => _byForce.Values;

    public bool TryGet(string forceAreaCode, out DeliveryPlan plan) => _byForce.TryGetValue(forceAreaCode, out plan!);

    public static DeliveryPlans Load(Geography geography, IEnumerable<string>? extraFiles = null)
    {
        var plans = new List<DeliveryPlan>();
        var assembly = typeof(DeliveryPlans).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            plans.Add(Read(stream, name));
        }

        foreach (var file in extraFiles ?? [])
        {
            using var stream = File.OpenRead(file);
            plans.Add(Read(stream, file));
        }

        return new DeliveryPlans(plans, geography);
    }

    public static DeliveryPlan Read(Stream stream, string source) =>
        JsonSerializer.Deserialize<DeliveryPlan>(stream, JsonOptions) ?? throw new InvalidDataException($"The plan in {source} is empty.");

    private const string ResourcePrefix = "Partnership.Reporting.Data.plan.";

    private static void Validate(DeliveryPlan plan, Geography geography)
    {
        if (!geography.TryGet(plan.ForceAreaCode, out var force) || force.Type != AreaType.Force)
        {
            throw new InvalidDataException($"The plan '{plan.Title}' is for '{plan.ForceAreaCode}', which is not a force area.");
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, objective, measure) in plan.Rows())
        {
            if (!seen.TryAdd(measure.Measure, objective.Id))
            {
                throw new InvalidDataException(
                    $"The plan '{plan.Title}' lists '{measure.Measure}' under objectives '{seen[measure.Measure]}' and '{objective.Id}'; a measure belongs to one objective.");
            }

            if (measure.Target is { } target && (target.EffectiveThreshold < 0 || target.WindowMonths is <= 0))
            {
                throw new InvalidDataException($"The plan '{plan.Title}' gives '{measure.Measure}' a target with a negative threshold or an empty window.");
            }
        }
    }
}
