using Partnership.Submissions.Storage;

namespace Partnership.Submissions.Portal;

/// <summary>
/// How a service takes a portal upload in when its returns are more than one per area: victim
/// services' providers each name the commission their return is for, and the service checks it before
/// the pipeline. A service that registers none takes the upload straight into its pipeline.
/// </summary>
/// <typeparam name="TContext">The service's store, which picks the service in a host that composes several.</typeparam>
public interface IPortalIntake<TContext>
    where TContext : SubmissionDbContext
{
    /// <summary>What the upload form calls a return's source (e.g. "Commissioned service"); a blank one is the area's own return.</summary>
    string SourceLabel { get; }

    Task<AcceptedReturn> SubmitAsync(ReturnSubmission submission, CancellationToken cancellationToken);
}
