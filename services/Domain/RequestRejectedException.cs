namespace Partnership.Domain;

/// <summary>
/// A request refused for what its fields hold; nothing of it was stored. Every service answers it
/// the same way: INVALID_ARGUMENT with <see cref="Summary"/> as the message and the
/// <see cref="Violations"/> as field details.
/// </summary>
public abstract class RequestRejectedException(IReadOnlyList<FieldViolation> violations, string summary, string message)
    : Exception(message)
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;

    /// <summary>One sentence for the partner; the fields come as details.</summary>
    public string Summary { get; } = summary;
}
