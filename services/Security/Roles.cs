namespace Partnership.Security;

/// <summary>The roles a partner's token can carry, named once for services, clients and tests.</summary>
public static class Roles
{
    /// <summary>A Community Safety Partnership: submits crime, ASB and survey returns for its own district.</summary>
    public const string CspSubmitter = "csp-submitter";

    /// <summary>The Local Criminal Justice Board: the only agency that submits court and criminal justice figures.</summary>
    public const string LcjbSubmitter = "lcjb-submitter";

    /// <summary>A commissioned victim services provider (or the force) submitting victim services returns.</summary>
    public const string VictimsSubmitter = "victims-submitter";

    /// <summary>A safeguarding partner submitting safeguarding returns.</summary>
    public const string SafeguardingSubmitter = "safeguarding-submitter";

    /// <summary>
    /// A partner who may read restricted (partners-only) figures of the areas its token holds: a force
    /// code covers the force and its districts, a district code that district.
    /// </summary>
    public const string PartnerReader = "partner-reader";

    /// <summary>A partner who may read safeguarding figures beyond the public view, of the areas its token holds as for <see cref="PartnerReader"/>.</summary>
    public const string SafeguardingReader = "safeguarding-reader";

    /// <summary>
    /// A reader across forces (a national analyst, the inspectorate): the token's <see cref="PartnerReader"/>
    /// and <see cref="SafeguardingReader"/> rights hold for every area. Grants no figures by itself.
    /// </summary>
    public const string NationalReader = "national-reader";

    /// <summary>Anyone reading the published, disclosure-controlled figures.</summary>
    public const string Public = "public";

    /// <summary>The OPCC's analysts and auditors, who may read the audit trail.</summary>
    public const string AuditReader = "audit-reader";

    /// <summary>
    /// Whoever runs the exchange: reads the aggregator's dead letters to repair and resubmit them. The
    /// figures inside a dead letter are still shown only as far as the reader's other roles allow.
    /// </summary>
    public const string Operations = "operations";

    /// <summary>
    /// The OPCC's analyst who drafts an edition of the Delivery Quarterly Report of a force its token
    /// holds: creates it, edits its title and notes, and refreshes the figures it uses.
    /// </summary>
    public const string OpccEditor = "opcc-editor";

    /// <summary>The OPCC officer who signs an edition of a force its token holds off, with the embargo at which it is published.</summary>
    public const string OpccApprover = "opcc-approver";

    public static IReadOnlyList<string> All { get; } =
        [CspSubmitter, LcjbSubmitter, VictimsSubmitter, SafeguardingSubmitter, PartnerReader, SafeguardingReader, NationalReader, Public, AuditReader, Operations, OpccEditor, OpccApprover];
}
