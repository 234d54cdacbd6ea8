using Partnership.Domain;

namespace Partnership.Submissions.Validation;

/// <summary>The return was rejected whole; nothing of it was stored.</summary>
public sealed class ReturnRejectedException(IReadOnlyList<FieldViolation> violations)
    : Exception($"The return was rejected with {violations.Count} problem(s): " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;
}
