using Google.Protobuf;
using Partnership.Contracts.Justice.V1;
using Partnership.Domain;
using Partnership.JusticeBoard.Grpc;
using Partnership.JusticeBoard.Returns;
using Partnership.Returns.Typed;
using Partnership.Submissions;
using Partnership.Submissions.Portal;

namespace Partnership.JusticeBoard.Portal;

/// <summary>
/// The justice board's returns uploaded in the partner portal: the request the CLI's reader makes
/// from the file, read and submitted exactly as <see cref="JusticeBoardService"/> does it for a call.
/// </summary>
public sealed class JusticePortalIntake(SubmissionPipeline<JusticeBoardDbContext> pipeline, Courts courts) : IPortalTypedIntake<JusticeBoardDbContext>
{
    public TypedReturnService Returns => JusticeReturnFiles.Service;

    public async Task<IReadOnlyList<AcceptedReturn>> SubmitAsync(IMessage request, string submittedBy, CancellationToken cancellationToken)
    {
        IReadOnlyList<JusticeReturn> returns = request switch
        {
            SubmitCourtBacklogRequest backlog => JusticeRequestReader.Read(backlog, courts).ToReturns(submittedBy),
            SubmitTrialEffectivenessRequest trials => [JusticeRequestReader.Read(trials).ToReturn(submittedBy)],
            SubmitCaseProgressionRequest progression => [JusticeRequestReader.Read(progression).ToReturn(submittedBy)],
            SubmitReoffendingRequest reoffending => JusticeRequestReader.Read(reoffending).ToReturns(submittedBy),
            SubmitVictimsCodeComplianceRequest victimsCode => [JusticeRequestReader.Read(victimsCode).ToReturn(submittedBy)],
            _ => throw new ArgumentException($"the justice board takes no {request.Descriptor.Name}", nameof(request)),
        };
        return await pipeline.SubmitAllAsync([.. returns.Select(r => r.Submission)], (index, field) => returns[index].FieldOf(field), cancellationToken);
    }
}
