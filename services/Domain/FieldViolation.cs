namespace Partnership.Domain;

/// <summary>One problem with one field of a return, e.g. field "observations[3].numerator".</summary>
public sealed record FieldViolation(string Field, string Description)
{
    /// <summary>The field a problem with a whole return of a batch (e.g. the same return twice) is reported under.</summary>
    public const string WholeReturn = "return";
}
