using Partnership.Domain;

namespace Partnership.Submissions;

/// <summary>
/// A partner's return as received, before validation: one area, one reporting period. When several
/// partners of one service report for the same area (commissioned providers, courts), <see cref="Source"/>
/// names which one, and each has its own return and revisions.
/// </summary>
public sealed record ReturnSubmission(
    string Service,
    string AreaCode,
    Period Period,
    string SubmittedBy,
    IReadOnlyList<ObservationInput> Observations,
    string Source = "")
{
    public string ReturnKey => ReturnKeys.For(Service, AreaCode, Period, Source);
}

/// <summary>One submitted figure. <see cref="Period"/> is null when it is the return's own period.</summary>
public sealed record ObservationInput(
    string MeasureId,
    Period? Period,
    Figure Figure,
    ObservationStatus Status = ObservationStatus.Final,
    string Note = "",
    Trend Trend = Trend.None,
    int SourceLine = 0,
    Confidentiality? Confidentiality = null);

public sealed record AcceptedReturn(Guid ReturnId, string ReturnKey, int Revision, int ObservationCount);

/// <summary>A stored revision of a return, as read back.</summary>
public sealed record StoredReturnView(
    Guid ReturnId,
    string Service,
    string AreaCode,
    Period Period,
    int Revision,
    int LatestRevision,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<Observation> Observations);

public static class ReturnKeys
{
    /// <summary>Identifies a return across its revisions.</summary>
    public static string For(string service, string areaCode, Period period, string source = "") =>
        string.IsNullOrEmpty(source) ? $"{service}|{areaCode}|{period.Key}" : $"{service}|{areaCode}|{period.Key}|{source}";
}
