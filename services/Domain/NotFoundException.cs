namespace Partnership.Domain;

/// <summary>What a request names does not exist (or is not there yet); every service answers NOT_FOUND with the message.</summary>
public sealed class NotFoundException(string message) : Exception(message);
