namespace Partnership.Domain;

/// <summary>Which areas a measure's figures are submitted for.</summary>
public enum SubmissionLevel
{
    /// <summary>By district (the county figure is built from them), and optionally for the force area.</summary>
    District,

    /// <summary>
    /// Only for the force area, e.g. by force-wide commissioned providers: no district figures are
    /// expected, so their absence does not make the county figure provisional.
    /// </summary>
    Force,
}
