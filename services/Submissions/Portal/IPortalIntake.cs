using Partnership.Security;
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

    /// <summary>The sources the caller may name for their areas, for the form to offer as a list; the upload still checks the one named.</summary>
    Task<IReadOnlyList<PortalSource>> SourcesAsync(Caller caller, CancellationToken cancellationToken);

    Task<AcceptedReturn> SubmitAsync(ReturnSubmission submission, CancellationToken cancellationToken);
}

/// <summary>A source a return may name (a commissioned service): its id, as the file and form give it, and how the form shows it.</summary>
public sealed record PortalSource(string Id, string Label);
