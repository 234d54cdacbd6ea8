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
