using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Crime.V1;
using Partnership.Domain;
using Partnership.Submissions;
using Partnership.Submissions.Grpc;

namespace Partnership.CrimeMeasures.Grpc;

/// <summary>A thin adapter from the crime contract to the shared submission pipeline.</summary>
public sealed class CrimeMeasuresService(SubmissionPipeline<CrimeMeasuresDbContext> pipeline, MeasureCatalogue catalogue)
    : Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresBase
{
    public override async Task<SubmitReturnResponse> SubmitReturn(SubmitReturnRequest request, ServerCallContext context)
    {
        var accepted = await ReturnCalls.SubmitAsync(
            pipeline,
            () => SubmissionMapper.ToSubmission(Extensions.Identity.Name, request.AreaCode, request.Period, request.Observations, request.SubmittedBy),
            context.CancellationToken);
        return new SubmitReturnResponse
        {
            ReturnId = accepted.ReturnId.ToString(),
            Revision = accepted.Revision,
            ObservationsAccepted = accepted.ObservationCount,
        };
    }

    public override async Task<DistrictReturn> GetReturn(GetReturnRequest request, ServerCallContext context)
    {
        var stored = await ReturnCalls.GetAsync(pipeline, request.AreaCode, request.Period, request.Revision, context.CancellationToken);
        var response = new DistrictReturn
        {
            ReturnId = stored.ReturnId.ToString(),
            AreaCode = stored.AreaCode,
            Period = stored.Period.ToContract(),
            Revision = stored.Revision,
            LatestRevision = stored.LatestRevision,
            SubmittedBy = stored.SubmittedBy,
            SubmittedAt = stored.SubmittedAtText(),
        };
        response.Observations.AddRange(stored.Observations.Select(o => o.ToContract()));
        return response;
    }

    public override Task<ListMeasuresResponse> ListMeasures(ListMeasuresRequest request, ServerCallContext context)
    {
        var response = new ListMeasuresResponse();
        response.Measures.AddRange(ReturnCalls.Measures(catalogue, Extensions.Identity.Name));
        return Task.FromResult(response);
    }
}
