namespace Partnership.Submissions.Security;

/// <summary>
/// Who is calling: the agency and its roles. Services ask this, never the transport, so that the
/// security work can back it with JWT claims without touching a service.
/// </summary>
public interface ISubmitterContext
{
    /// <summary>The calling agency, when the caller said who it is.</summary>
    string? Agency { get; }

    bool IsInRole(string role);
}

/// <summary>The roles that gate submissions, named once for services, clients and tests.</summary>
public static class PartnershipRoles
{
    /// <summary>The Local Criminal Justice Board: the only agency that submits court and criminal justice figures.</summary>
    public const string Lcjb = "lcjb";

    /// <summary>Partners who may read restricted (safeguarding) figures undisclosed: the partner view of a report.</summary>
    public const string SafeguardingReader = "safeguarding-reader";
}
