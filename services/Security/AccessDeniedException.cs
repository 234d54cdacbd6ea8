namespace Partnership.Security;

/// <summary>
/// The caller may not do what it asked. The message speaks only of the caller's own token (a role it
/// lacks, an area it does not hold), never of other agencies' data, so it is safe to send back.
/// </summary>
public sealed class AccessDeniedException(string reason) : Exception(reason);
