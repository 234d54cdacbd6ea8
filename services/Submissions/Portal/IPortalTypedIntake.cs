using Google.Protobuf;
using Partnership.Returns.Typed;
using Partnership.Submissions.Storage;

namespace Partnership.Submissions.Portal;

/// <summary>
/// How a service with typed returns (the justice board's: one row per court, court type or age group)
/// takes a portal upload in. The portal reads the file with the same readers as the CLI into the
/// service's request, and the service maps the request to pipeline input as its gRPC call does.
/// </summary>
/// <typeparam name="TContext">The service's store, which picks the service in a host that composes several.</typeparam>
public interface IPortalTypedIntake<TContext>
    where TContext : SubmissionDbContext
{
    TypedReturnService Returns { get; }

    /// <summary>Stores every return the request holds, or none; a rejection names the request's fields, as the gRPC call's does.</summary>
    Task<IReadOnlyList<AcceptedReturn>> SubmitAsync(IMessage request, string submittedBy, CancellationToken cancellationToken);
}
