using Partnership.Domain;

namespace Partnership.Submissions.Validation;

/// <summary>Collects every problem of a return at once, so a partner can fix the whole file in one go.</summary>
public sealed class ViolationCollector
{
    private readonly List<FieldViolation> _violations = [];

    public IReadOnlyList<FieldViolation> Violations => _violations;

    public bool Any => _violations.Count > 0;

    public void Add(string field, string description) => _violations.Add(new FieldViolation(field, description));

    /// <summary>Adds a problem with one observation, naming its index, field and the line of the partner's file.</summary>
    public void AddForObservation(int index, ObservationInput observation, string field, string description)
    {
        var where = observation.SourceLine > 0 ? $"line {observation.SourceLine}, " : "";
        var measure = string.IsNullOrEmpty(observation.MeasureId) ? "" : $"{observation.MeasureId}: ";
        Add($"observations[{index}].{field}", $"{where}{measure}{description}");
    }
}
