using Partnership.ServiceDefaults;
using Partnership.Submissions.Storage;

namespace Partnership.Submissions.Security;

/// <summary>Writes a refusal of this service's submitter role to this service's audit trail.</summary>
internal sealed class RoleDenialAudit<TContext>(SubmissionPipeline<TContext> pipeline, ServiceIdentity identity) : IRefusedCallAudit
    where TContext : SubmissionDbContext
{
    public string SubmitterRole => identity.SubmitterRole;

    public Task RecordAsync(string reason, CancellationToken cancellationToken) => pipeline.RecordRoleDenialAsync(reason, cancellationToken);
}
