namespace Partnership.Domain;

/// <summary>
/// A request that cannot be done in the state its subject is in (an edition already signed off, say);
/// every service answers FAILED_PRECONDITION with the message, which says what state would allow it.
/// </summary>
public sealed class StateConflictException(string message) : Exception(message);
