using Partnership.Contracts;
using Partnership.Domain;
using Partnership.ServiceDefaults;
using Partnership.Submissions.Storage;
using Proto = Partnership.Contracts.Common.V1;

namespace Partnership.Submissions.Grpc;

/// <summary>
/// The steps every domain service's GetReturn and ListMeasures share, so each gRPC service only maps
/// its own request and response types. A submit needs no step of its own: its method's policy checks
/// the role before the request is read, and a rejection reaches the partner through the interceptor.
/// </summary>
public static class ReturnCalls
{
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
