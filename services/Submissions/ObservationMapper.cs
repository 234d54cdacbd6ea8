using Partnership.Domain;
using Partnership.Submissions.Storage;

namespace Partnership.Submissions;

/// <summary>A figure as submitted, as stored and as read back: the write path and the reader map the same rows.</summary>
internal static class ObservationMapper
{
    /// <summary>A submitted figure in its return's area, with the return's period and the measure's confidentiality where it names none.</summary>
    public static Observation ToObservation(ReturnSubmission submission, ObservationInput input, MeasureCatalogue catalogue) => new(
        input.MeasureId,
        submission.AreaCode,
        input.Period ?? submission.Period,
        input.Figure,
        input.Status,
        input.Confidentiality ?? catalogue.Get(input.MeasureId).DefaultConfidentiality,
        input.Note,
        input.Trend);

    public static StoredObservation ToStored(Guid returnId, int ordinal, Observation observation) => new()
    {
        ReturnId = returnId,
        Ordinal = ordinal,
        MeasureId = observation.MeasureId,
        AreaCode = observation.AreaCode,
        PeriodKey = observation.Period.Key,
        Value = observation.Figure.Value,
        Numerator = observation.Figure.Numerator,
        Denominator = observation.Figure.Denominator,
        Status = observation.Status,
        Confidentiality = observation.Confidentiality,
        Note = observation.Note,
        Trend = observation.Trend,
    };

    public static Observation ToObservation(StoredObservation stored) => new(
        stored.MeasureId,
        stored.AreaCode,
        PeriodKeys.Parse(stored.PeriodKey),
        new Figure(stored.Value, stored.Numerator, stored.Denominator),
        stored.Status,
        stored.Confidentiality,
        stored.Note,
        stored.Trend);
}
