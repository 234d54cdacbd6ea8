using Partnership.Domain;

namespace Partnership.Reporting.Editions;

/// <summary>An edition request refused for a field's value (an embargo already past, say).</summary>
public sealed class EditionRejectedException(string field, string description)
    : RequestRejectedException([new FieldViolation(field, description)], description, description);
