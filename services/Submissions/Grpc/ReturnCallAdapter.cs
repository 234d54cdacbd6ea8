using Partnership.Contracts;
using Partnership.Domain;
using Partnership.Submissions.Storage;

namespace Partnership.Submissions.Grpc;

/// <summary>
/// SubmitReturn, GetReturn and ListMeasures whole, for a service whose messages take the shared
/// shapes (<c>Contracts/ReturnCallShapes.cs</c>): its gRPC class is then three one-line overrides.
/// Built on the <see cref="ReturnCalls"/> steps, which a service with its own request fields uses directly.
/// </summary>
public sealed class ReturnCallAdapter<TContext>(
    SubmissionPipeline<TContext> pipeline,
    ReturnReader<TContext> reader,
    MeasureCatalogue catalogue,
    ServiceIdentity identity)
    where TContext : SubmissionDbContext
{
    public async Task<TResponse> SubmitAsync<TResponse>(ISubmitReturnRequest request, CancellationToken cancellationToken)
        where TResponse : ISubmitReturnResponse, new()
    {
        var accepted = await pipeline.SubmitAsync(
            SubmissionMapper.ToSubmission(identity.Name, request.AreaCode, request.Period, request.Observations, request.SubmittedBy),
            cancellationToken);
        return new TResponse
        {
            ReturnId = accepted.ReturnId.ToString(),
            Revision = accepted.Revision,
            ObservationsAccepted = accepted.ObservationCount,
        };
    }

    public async Task<TReturn> GetAsync<TReturn>(IGetReturnRequest request, CancellationToken cancellationToken)
        where TReturn : IReturnMessage, new()
    {
        var stored = await ReturnCalls.GetAsync(reader, request.AreaCode, request.Period, request.Revision, cancellationToken);
        return stored.ToContract<TReturn>();
    }

    public Task<TResponse> ListMeasuresAsync<TResponse>()
        where TResponse : IListMeasuresResponse, new()
    {
        var response = new TResponse();
        response.Measures.AddRange(ReturnCalls.Measures(catalogue, identity.Name));
        return Task.FromResult(response);
    }
}
