using Partnership.Security;
using Partnership.Submissions;

namespace Partnership.LocalHost;

/// <summary>
/// Demo returns go through the same access checks as a partner's: each is submitted as its own agency,
/// holding only that return's area and the service's submitter role.
/// </summary>
internal static class DemoCaller
{
    public static IDisposable Submitting(ReturnSubmission submission, ServiceIdentity service) =>
        InProcessCaller.Use(Caller.InProcess(submission.SubmittedBy, submission.AreaCode, service.SubmitterRole));
}
