namespace Partnership.VictimServices.Returns;

/// <summary>No survey rate can be given for what was asked; <see cref="Field"/> names the request field at fault.</summary>
public sealed class SurveyRateUnavailableException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
