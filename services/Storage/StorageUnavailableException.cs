namespace Partnership.Storage;

/// <summary>
/// A write the database refused for a reason of its own (read-only files, a revoked grant, a full
/// disk, a lost connection), not because of what was written. Its message is for the partner: what
/// happened and what to do. The cause, for the operator, is the inner exception and the log.
/// </summary>
public sealed class StorageUnavailableException(string database, Exception cause)
    : Exception(PartnerMessage, cause)
{
    public const string PartnerMessage = "The exchange cannot store returns just now; nothing was stored. Please try again later.";

    public string Database { get; } = database;
}
