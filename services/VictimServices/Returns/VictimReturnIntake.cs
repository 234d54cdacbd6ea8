using Partnership.Domain;
using Partnership.Submissions;
using Partnership.Submissions.Portal;
using Partnership.Submissions.Validation;
using Partnership.VictimServices.Commissioning;

namespace Partnership.VictimServices.Returns;

/// <summary>
/// Takes a return into the shared pipeline. A provider's return must name a service commissioned for
/// its area in its window; the commission then scopes the return, so each provider has its own
/// revisions and the aggregator adds providers' figures for the force area. A gRPC call and a portal
/// upload come in here alike.
/// </summary>
public sealed class VictimReturnIntake(SubmissionPipeline<VictimServicesDbContext> pipeline, CommissioningRegister register)
    : IPortalIntake<VictimServicesDbContext>
{
    public string SourceLabel => "Commissioned service";

    public async Task<AcceptedReturn> SubmitAsync(ReturnSubmission submission, CancellationToken cancellationToken)
    {
        // Who may submit is settled before the register is asked, so its answer tells an intruder nothing.
        await pipeline.AuthorizeAsync(submission, cancellationToken);
        if (!string.IsNullOrEmpty(submission.Source)
            && await register.FindAsync(submission.AreaCode, submission.Source, submission.Period, cancellationToken) is null)
        {
            throw new ReturnRejectedException([new FieldViolation(
                "commission_id",
                $"no service '{submission.Source}' is commissioned for {submission.AreaCode} in {submission.Period.Label}; ListCommissionedServices lists those that are")]);
        }

        return await pipeline.SubmitAsync(submission, cancellationToken);
    }
}
