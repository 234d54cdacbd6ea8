using Partnership.Domain;

namespace Partnership.Submissions.Validation;

/// <summary>The return (or the commissioning statement, or whatever <paramref name="what"/> names) was rejected whole; nothing of it was stored.</summary>
public sealed class ReturnRejectedException(IReadOnlyList<FieldViolation> violations, string what = "return")
    : RequestRejectedException(
        violations,
        $"The {what} was rejected with {violations.Count} problem(s); nothing was stored.",
        $"The {what} was rejected with {violations.Count} problem(s): " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")));
