namespace Partnership.Submissions.Validation;

/// <summary>One problem with one field of a return, e.g. field "observations[3].numerator".</summary>
public sealed record FieldViolation(string Field, string Description)
{
    /// <summary>The field a problem with a whole return of a batch (e.g. the same return twice) is reported under.</summary>
    public const string WholeReturn = "return";
}

/// <summary>The return was rejected whole; nothing of it was stored.</summary>
public sealed class ReturnRejectedException(IReadOnlyList<FieldViolation> violations)
    : Exception($"The return was rejected with {violations.Count} problem(s): " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;
}
