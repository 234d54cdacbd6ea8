using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Partnership.Contracts;
using Partnership.Contracts.Justice.V1;
using Partnership.Domain;
using Partnership.JusticeBoard.Returns;
using Partnership.Security;
using Partnership.ServiceDefaults;
using Partnership.Submissions;
using Partnership.Submissions.Grpc;
using Partnership.Submissions.Validation;

namespace Partnership.JusticeBoard.Grpc;

/// <summary>A thin adapter from the justice contract to the justice returns and the shared submission pipeline.</summary>
public sealed class JusticeBoardService(
    SubmissionPipeline<JusticeBoardDbContext> pipeline,
    ReturnReader<JusticeBoardDbContext> returns,
    Courts courts,
    Returns.VictimsCodeFramework framework,
    MeasureCatalogue catalogue)
    : Contracts.Justice.V1.JusticeBoard.JusticeBoardBase
{
    [Authorize(Policies.SubmitJusticeBoard)]
    public override Task<SubmitJusticeReturnResponse> SubmitCourtBacklog(SubmitCourtBacklogRequest request, ServerCallContext context) =>
        SubmitAsync(JusticeRequestReader.Read(request, courts).ToReturns(request.SubmittedBy), context);

    [Authorize(Policies.SubmitJusticeBoard)]
    public override Task<SubmitJusticeReturnResponse> SubmitTrialEffectiveness(SubmitTrialEffectivenessRequest request, ServerCallContext context) =>
        SubmitAsync([JusticeRequestReader.Read(request).ToReturn(request.SubmittedBy)], context);

    [Authorize(Policies.SubmitJusticeBoard)]
    public override Task<SubmitJusticeReturnResponse> SubmitCaseProgression(SubmitCaseProgressionRequest request, ServerCallContext context) =>
        SubmitAsync([JusticeRequestReader.Read(request).ToReturn(request.SubmittedBy)], context);

    [Authorize(Policies.SubmitJusticeBoard)]
    public override Task<SubmitJusticeReturnResponse> SubmitReoffending(SubmitReoffendingRequest request, ServerCallContext context) =>
        SubmitAsync(JusticeRequestReader.Read(request).ToReturns(request.SubmittedBy), context);

    [Authorize(Policies.SubmitJusticeBoard)]
    public override Task<SubmitJusticeReturnResponse> SubmitVictimsCodeCompliance(SubmitVictimsCodeComplianceRequest request, ServerCallContext context) =>
        SubmitAsync([JusticeRequestReader.Read(request).ToReturn(request.SubmittedBy)], context);

    public override async Task<CourtBacklog> GetCourtBacklog(GetCourtBacklogRequest request, ServerCallContext context)
    {
        if (!courts.TryGet(request.CourtCode, out var court))
        {
            throw RpcErrors.InvalidArgument("court_code", $"unknown court '{request.CourtCode}'");
        }

        var violations = new ViolationCollector();
        if (JusticeRequestReader.ReadDate(request.SnapshotDate, "snapshot_date", violations) is not { } date)
        {
            throw RpcErrors.InvalidArgument(violations.Violations);
        }

        var stored = await returns.GetReturnAsync(court.Force, Period.Snapshot(date), request.Revision, context.CancellationToken, JusticeReturnSources.CourtBacklog(court.Code));
        var entry = stored is null ? null : CourtBacklogReturn.FromObservations(court, stored.Observations);
        if (stored is null || entry is null)
        {
            throw RpcErrors.NotFound(request.Revision > 0
                ? $"No revision {request.Revision} of a backlog return for {court.Name} on {request.SnapshotDate}."
                : $"No backlog return for {court.Name} on {request.SnapshotDate}.");
        }

        return entry.ToContract(date, stored);
    }

    public override async Task<BoardReturn> GetReturn(GetReturnRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Source))
        {
            throw RpcErrors.InvalidArgument("source", JusticeReturnSources.Describe);
        }

        var stored = await ReturnCalls.GetAsync(returns, request.AreaCode, request.Period, request.Revision, context.CancellationToken, request.Source.Trim());
        var response = stored.ToContract<BoardReturn>();
        response.Source = request.Source.Trim();
        return response;
    }

    public override Task<ListCourtsResponse> ListCourts(ListCourtsRequest request, ServerCallContext context)
    {
        var response = new ListCourtsResponse();
        IEnumerable<CourtDefinition> listed = string.IsNullOrEmpty(request.ForceAreaCode)
            ? courts.All.OrderBy(c => c.Force, StringComparer.Ordinal).ThenBy(c => c.Type).ThenBy(c => c.Name, StringComparer.Ordinal)
            : courts.OfForce(request.ForceAreaCode);
        response.Courts.AddRange(listed.Select(c => c.ToContract()));
        return Task.FromResult(response);
    }

    public override Task<Contracts.Justice.V1.VictimsCodeFramework> GetVictimsCodeFramework(GetVictimsCodeFrameworkRequest request, ServerCallContext context) =>
        Task.FromResult(framework.ToContract());

    public override Task<ListMeasuresResponse> ListMeasures(ListMeasuresRequest request, ServerCallContext context)
    {
        var response = new ListMeasuresResponse();
        response.Measures.AddRange(catalogue.ForService(Extensions.Identity.Name).Select(m => m.ToContract()));
        return Task.FromResult(response);
    }

    /// <summary>
    /// Only the LCJB submits here: its policy checks the lcjb-submitter role before the request is read
    /// (a backlog return names no area until its courts are read), then the shared pipeline checks the
    /// areas of the caller's token; both audit a refusal, before anything is stored.
    /// </summary>
    private async Task<SubmitJusticeReturnResponse> SubmitAsync(IReadOnlyList<JusticeReturn> returns, ServerCallContext context)
    {
        var accepted = await pipeline.SubmitAllAsync([.. returns.Select(r => r.Submission)], (index, field) => returns[index].FieldOf(field), context.CancellationToken);
        return JusticeMapper.ToResponse(returns, accepted);
    }

}
