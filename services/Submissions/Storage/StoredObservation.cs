using Partnership.Domain;

namespace Partnership.Submissions.Storage;

public sealed class StoredObservation
{
    public long Id { get; set; }

    public Guid ReturnId { get; set; }

    public int Ordinal { get; set; }

    public required string MeasureId { get; set; }

    public required string AreaCode { get; set; }

    public required string PeriodKey { get; set; }

    public decimal? Value { get; set; }

    public decimal? Numerator { get; set; }

    public decimal? Denominator { get; set; }

    public ObservationStatus Status { get; set; }

    public Confidentiality Confidentiality { get; set; }

    public string Note { get; set; } = "";

    public Trend Trend { get; set; }
}
