using Grpc.Core;
using Partnership.Contracts;
using Partnership.Contracts.Crime.V1;
using Partnership.Domain;
using Partnership.Submissions;
using Partnership.Submissions.Grpc;
using Partnership.Submissions.Validation;

namespace Partnership.CrimeMeasures.Grpc;

/// <summary>A thin adapter from the crime contract to the shared submission pipeline.</summary>
public sealed class CrimeMeasuresService(SubmissionPipeline<CrimeMeasuresDbContext> pipeline, MeasureCatalogue catalogue)
    : Contracts.Crime.V1.CrimeMeasures.CrimeMeasuresBase
{
    public override async Task<SubmitReturnResponse> SubmitReturn(SubmitReturnRequest request, ServerCallContext context)
    {
        try
        {
            var submission = SubmissionMapper.ToSubmission(Extensions.Identity.Name, request.AreaCode, request.Period, request.Observations, request.SubmittedBy);
            var accepted = await pipeline.SubmitAsync(submission, context.CancellationToken);
            return new SubmitReturnResponse
            {
                ReturnId = accepted.ReturnId.ToString(),
                Revision = accepted.Revision,
                ObservationsAccepted = accepted.ObservationCount,
            };
        }
        catch (ReturnRejectedException rejected)
        {
            throw RpcErrors.InvalidArgument(rejected.Violations);
        }
    }

    public override async Task<DistrictReturn> GetReturn(GetReturnRequest request, ServerCallContext context)
    {
        if (!request.Period.TryToDomain(out var period, out var error))
        {
            throw RpcErrors.InvalidArgument("period", error);
        }

        var stored = await pipeline.GetReturnAsync(request.AreaCode, period, request.Revision, context.CancellationToken)
            ?? throw RpcErrors.NotFound(request.Revision > 0
                ? $"No revision {request.Revision} of a return for {request.AreaCode} {period.Label}."
                : $"No return for {request.AreaCode} {period.Label}.");
        var response = new DistrictReturn
        {
            ReturnId = stored.ReturnId.ToString(),
            AreaCode = stored.AreaCode,
            Period = stored.Period.ToContract(),
            Revision = stored.Revision,
            LatestRevision = stored.LatestRevision,
            SubmittedBy = stored.SubmittedBy,
            SubmittedAt = stored.SubmittedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        response.Observations.AddRange(stored.Observations.Select(o => o.ToContract()));
        return response;
    }

    public override Task<ListMeasuresResponse> ListMeasures(ListMeasuresRequest request, ServerCallContext context)
    {
        var response = new ListMeasuresResponse();
        response.Measures.AddRange(catalogue.ForService(Extensions.Identity.Name).Select(m => m.ToContract()));
        return Task.FromResult(response);
    }
}
