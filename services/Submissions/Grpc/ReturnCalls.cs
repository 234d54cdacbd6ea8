using Partnership.Contracts;
using Partnership.Domain;
using Partnership.ServiceDefaults;
using Partnership.Submissions.Storage;
using Partnership.Submissions.Validation;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Submissions.Grpc;

/// <summary>
/// The steps every domain service's SubmitReturn and GetReturn share, so each gRPC service only maps
/// its own request and response types.
/// </summary>
public static class ReturnCalls
{
    /// <summary>
    /// Checks the caller holds the service's submitter role (auditing a refusal with the area and
    /// period the request names), then reads and submits a return; a
    /// rejection by the mapper or the validator becomes INVALID_ARGUMENT with every bad field.
    /// </summary>
    public static Task<AcceptedReturn> SubmitAsync<TContext>(
        SubmissionPipeline<TContext> pipeline,
        string areaCode,
        Proto.Period? period,
        Func<ReturnSubmission> read,
        CancellationToken cancellationToken)
        where TContext : SubmissionDbContext
        => SubmitAsync(pipeline, areaCode, period, read, pipeline.SubmitAsync, cancellationToken);

    /// <summary>The same, for a service that takes a return in through its own step before the pipeline.</summary>
    public static async Task<AcceptedReturn> SubmitAsync<TContext>(
        SubmissionPipeline<TContext> pipeline,
        string areaCode,
        Proto.Period? period,
        Func<ReturnSubmission> read,
        Func<ReturnSubmission, CancellationToken, Task<AcceptedReturn>> submit,
        CancellationToken cancellationToken)
        where TContext : SubmissionDbContext
    {
        // Authorisation before the body: a caller without the role is refused whatever it sent.
        await pipeline.AuthorizeRoleAsync(areaCode, period.TryToDomain(out var given, out _) ? given : null, cancellationToken);
        return await RejectionsAsInvalidArgument(() => submit(read(), cancellationToken));
    }

    /// <summary>
    /// Runs a call that reads and submits returns (several at once, for a typed request that holds
    /// several, e.g. one per court); a rejection becomes INVALID_ARGUMENT with every bad field.
    /// </summary>
    public static async Task<T> RejectionsAsInvalidArgument<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ReturnRejectedException rejected)
        {
            throw RpcErrors.InvalidArgument(rejected.Violations);
        }
    }

    /// <summary>A stored revision (0 for the latest), or NOT_FOUND naming what was asked for.</summary>
    public static async Task<StoredReturnView> GetAsync<TContext>(
        ReturnReader<TContext> reader,
        string areaCode,
        Proto.Period? period,
        int revision,
        CancellationToken cancellationToken,
        string source = "")
        where TContext : SubmissionDbContext
    {
        if (!period.TryToDomain(out var domainPeriod, out var error))
        {
            throw RpcErrors.InvalidArgument("period", error);
        }

        var from = string.IsNullOrEmpty(source) ? "" : $" from {source}";
        return await reader.GetReturnAsync(areaCode, domainPeriod, revision, cancellationToken, source)
            ?? throw RpcErrors.NotFound(revision > 0
                ? $"No revision {revision} of a return{from} for {areaCode} {domainPeriod.Label}."
                : $"No return{from} for {areaCode} {domainPeriod.Label}.");
    }

    /// <summary>A stored return on the wire, in any service's message of the shared shape.</summary>
    public static TReturn ToContract<TReturn>(this StoredReturnView stored)
        where TReturn : IReturnMessage, new()
    {
        var response = new TReturn
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

    /// <summary>The measures partners submit to a service, on the wire; derived measures are the aggregator's.</summary>
    public static IEnumerable<Proto.Measure> Measures(MeasureCatalogue catalogue, string service) =>
        catalogue.ForService(service).Where(m => !m.IsDerived).Select(m => m.ToContract());

    /// <summary>How every service writes a submission time on the wire.</summary>
    public static string SubmittedAtText(this StoredReturnView stored) =>
        stored.SubmittedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
