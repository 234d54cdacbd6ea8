using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Partnership.Storage;

/// <summary>
/// Whether a service's writes to its database last succeeded, shared by everything that writes to it
/// and read by its readiness check (<see cref="DatabaseWriteHealthCheck{TContext}"/>). A database that
/// can be read but not written still answers a connection check, so only the writes can tell.
/// </summary>
public sealed partial class DatabaseWriteState<TContext>(string database, TimeProvider clock, ILogger<DatabaseWriteState<TContext>> logger)
    where TContext : DbContext
{
    private volatile WriteFailure? _failure;

    public string Database { get; } = database;

    /// <summary>The last write's failure, or null when the last write succeeded (or none was tried).</summary>
    public WriteFailure? Failure => _failure;

    /// <summary>
    /// Runs a write, recording whether the database took it. One the database refused for a reason of
    /// its own (read-only, a revoked grant, a full disk) becomes <see cref="StorageUnavailableException"/>;
    /// its transaction has rolled back, so nothing was stored.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> write)
    {
        try
        {
            var result = await write();
            Succeeded();
            return result;
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            throw Failed(ex);
        }
    }

    public void Succeeded()
    {
        if (Interlocked.Exchange(ref _failure, null) is { } recovered)
        {
            LogRecovered(Database, recovered.Since);
        }
    }

    /// <summary>
    /// Records and logs a write the database refused (<see cref="DatabaseErrors.IsUnavailable"/>) and
    /// returns the exception to throw in its place.
    /// </summary>
    public StorageUnavailableException Failed(Exception cause)
    {
        var reason = DatabaseErrors.Describe(cause);
        var previous = _failure;
        _failure = new WriteFailure(reason, previous?.Since ?? clock.GetUtcNow());
        if (previous?.Reason != reason)
        {
            // Once per outage (and per change of cause), not once per readiness probe.
            LogFailed(cause, Database, reason);
        }

        return new StorageUnavailableException(Database, cause);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Database} database refused a write ({Reason}); nothing was stored and the service reports itself not ready")]
    private partial void LogFailed(Exception cause, string database, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Database} database accepts writes again (refused since {Since})")]
    private partial void LogRecovered(string database, DateTimeOffset since);
}

/// <summary>Why writes fail, in a few words (no data, no paths), and since when.</summary>
public sealed record WriteFailure(string Reason, DateTimeOffset Since);
