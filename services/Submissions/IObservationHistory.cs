using Partnership.Domain;

namespace Partnership.Submissions;

/// <summary>A domain service's answer to "what has this figure been, revision by revision?".</summary>
public interface IObservationHistory
{
    Task<IReadOnlyList<ObservationRevision>> GetObservationHistoryAsync(string measureId, string areaCode, Period period, CancellationToken cancellationToken);
}
