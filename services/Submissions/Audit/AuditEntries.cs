using Partnership.Domain;
using Partnership.Security;
using Partnership.Storage;
using Partnership.Submissions.Storage;

namespace Partnership.Submissions.Audit;

internal static class AuditEntries
{
    public static AuditEntry For(ServiceIdentity service, Caller caller, ReturnSubmission submission, AuditOutcome outcome, DateTimeOffset at, string detail = "") =>
        ForRequest(service, caller, submission.AreaCode, submission.Period, outcome, at, detail);

    /// <summary>An attempt, with the area and period its request gave (none when refused before the request was read).</summary>
    public static AuditEntry ForRequest(ServiceIdentity service, Caller caller, string areaCode, Period? period, AuditOutcome outcome, DateTimeOffset at, string detail) => new()
    {
        OccurredAtMs = at.ToUnixTimeMilliseconds(),
        Service = service.Name,
        Outcome = outcome,
        Agency = Bounded(caller.Agency),
        Subject = Bounded(caller.Subject),
        ClientAddress = Bounded(caller.ClientAddress),
        AreaCode = Bounded(areaCode),
        PeriodStart = period is { } start ? IsoDate(start.Start) : "",
        PeriodEnd = period is { } end ? IsoDate(end.End) : "",
        PeriodLabel = Bounded(period?.Label ?? ""),
        Detail = Bounded(detail),
    };

    public static string IsoDate(DateOnly date) => AuditText.IsoDate(date);

    private static string Bounded(string text) => AuditText.Bounded(text, AuditEntry.MaxText);
}
