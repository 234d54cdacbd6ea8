namespace Partnership.Security;

/// <summary>
/// Which token claims carry the agency, its areas and its roles. Identity providers differ (Entra ID
/// puts app roles in <c>roles</c>, others use <c>role</c> or <c>groups</c>), so a deployment can rename
/// them under <c>Auth:Claims</c>; the development issuer uses these defaults.
/// </summary>
public sealed class ClaimNames
{
    public string Agency { get; set; } = "agency";

    public string Areas { get; set; } = "areas";

    public string Roles { get; set; } = "roles";

    public string Subject { get; set; } = "sub";
}
