namespace Partnership.Security;

/// <summary>
/// The authorisation policies every call declares, named once. A gRPC method or HTTP endpoint names
/// one of these (or is explicitly anonymous); one that names nothing is refused. Which areas and
/// figures a caller may touch is decided further in, by the pipeline and the read-access service.
/// </summary>
public static class Policies
{
    /// <summary>Any verified token: reads whose figures are then filtered by the caller's roles and areas.</summary>
    public const string AuthenticatedCaller = "authenticated-caller";

    /// <summary>Submits crime measures returns: <see cref="Roles.CspSubmitter"/>.</summary>
    public const string SubmitCrimeMeasures = "submit-crime-measures";

    /// <summary>Submits justice board returns: <see cref="Roles.LcjbSubmitter"/>.</summary>
    public const string SubmitJusticeBoard = "submit-justice-board";

    /// <summary>Submits victim services returns and commissioning statements: <see cref="Roles.VictimsSubmitter"/>.</summary>
    public const string SubmitVictimServices = "submit-victim-services";

    /// <summary>Submits safeguarding returns: <see cref="Roles.SafeguardingSubmitter"/>.</summary>
    public const string SubmitSafeguarding = "submit-safeguarding";

    /// <summary>Reads the audit trail: <see cref="Roles.AuditReader"/>.</summary>
    public const string ReadAuditTrail = "read-audit-trail";

    /// <summary>Runs the exchange (reads dead letters): <see cref="Roles.Operations"/>.</summary>
    public const string Operations = "operations";

    /// <summary>Creates and edits drafts of a report edition: <see cref="Roles.OpccEditor"/>.</summary>
    public const string EditEditions = "edit-editions";

    /// <summary>Signs an edition off with its embargo: <see cref="Roles.OpccApprover"/>.</summary>
    public const string SignOffEditions = "sign-off-editions";

    /// <summary>Reads the chase list of overdue and missing returns: <see cref="Roles.OpccEditor"/>, the OPCC's analyst.</summary>
    public const string ChaseReturns = "chase-returns";

    /// <summary>The aggregator's Dapr subscription endpoints: only the sidecar, proving itself with the app API token.</summary>
    public const string DaprSidecar = "dapr-sidecar";

    /// <summary>The authentication scheme Dapr's <c>AddDapr</c> registers for the sidecar's token.</summary>
    public const string DaprSidecarScheme = "Dapr";
}
