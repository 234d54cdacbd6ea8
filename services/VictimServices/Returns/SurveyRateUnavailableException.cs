using Partnership.Domain;

namespace Partnership.VictimServices.Returns;

/// <summary>No survey rate can be given for what was asked; <paramref name="field"/> names the request field at fault.</summary>
public sealed class SurveyRateUnavailableException(string field, string message)
    : RequestRejectedException([new FieldViolation(field, message)], $"{field}: {message}", message);
