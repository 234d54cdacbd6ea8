using System.Text.Json;
using System.Text.Json.Serialization;
using Partnership.Domain;

namespace Partnership.Reporting.Plans;

/// <summary>
/// The plans this aggregator reports against, one file per force: the built-in ones shipped with the
/// build (<c>Data/plan.&lt;force code&gt;.json</c>) and any a deployment names in <c>Reporting:PlanFiles</c>.
/// Every other force area reports against the national core plan (<c>Data/core-plan.json</c>), so any
/// force's figures can be read before its own plan is loaded.
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
    private readonly DeliveryPlan? _core;
    private readonly Geography _geography;

    public DeliveryPlans(IEnumerable<DeliveryPlan> plans, Geography geography, MeasureCatalogue catalogue, DeliveryPlan? core = null)
    {
        _geography = geography;
        _byForce = new Dictionary<string, DeliveryPlan>(StringComparer.Ordinal);
        if (core is not null)
        {
            CheckMeasures(core, core.File, catalogue);
            _core = core;
        }

        foreach (var plan in plans)
        {
            Validate(plan, geography, catalogue);
            // A deployment's own file replaces the built-in plan for the same force.
            _byForce[plan.ForceAreaCode] = plan;
        }
    }

    /// <summary>The forces' own plans (not the core plan).</summary>
    public IReadOnlyCollection<DeliveryPlan> All => _byForce.Values;

    /// <summary>Whether the force has a plan of its own, rather than the national core plan.</summary>
    public bool HasOwnPlan(string forceAreaCode) => _byForce.ContainsKey(Geography.Canonical(forceAreaCode));

    /// <summary>The force's own plan, or the national core plan for any other force area.</summary>
    public bool TryGet(string forceAreaCode, out DeliveryPlan plan)
    {
        forceAreaCode = Geography.Canonical(forceAreaCode);
        if (_byForce.TryGetValue(forceAreaCode, out plan!))
        {
            return true;
        }

        if (_core is not null && _geography.TryGet(forceAreaCode, out var area) && area.Type == AreaType.Force)
        {
            plan = _core with { ForceAreaCode = forceAreaCode };
            return true;
        }

        return false;
    }

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

        return new DeliveryPlans(plans, geography, catalogue, ReadCore());
    }

    /// <summary>The built-in national core plan, for any force without a plan of its own.</summary>
    public static DeliveryPlan ReadCore()
    {
        using var core = typeof(DeliveryPlans).Assembly.GetManifestResourceStream(CoreResource)!;
        return Read(core, "built-in core-plan.json");
    }

    public static DeliveryPlan Read(Stream stream, string source) =>
        (JsonSerializer.Deserialize<DeliveryPlan>(stream, JsonOptions) ?? throw new InvalidDataException($"The plan in {source} is empty.")) with { File = source };

    private const string ResourcePrefix = "Partnership.Reporting.Data.plan.";
    private const string CoreResource = "Partnership.Reporting.Data.core-plan.json";

    private static void Validate(DeliveryPlan plan, Geography geography, MeasureCatalogue catalogue)
    {
        var file = plan.File.Length > 0 ? plan.File : plan.Title;
        if (!geography.TryGet(plan.ForceAreaCode, out var force) || force.Type != AreaType.Force)
        {
            throw new InvalidDataException($"The plan file {file} ('{plan.Title}') is for '{plan.ForceAreaCode}', which is not a force area.");
        }

        CheckMeasures(plan, file, catalogue);
    }

    private static void CheckMeasures(DeliveryPlan plan, string file, MeasureCatalogue catalogue)
    {
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
