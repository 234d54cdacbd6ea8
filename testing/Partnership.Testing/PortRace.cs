namespace Partnership.Testing;

/// <summary>
/// Ports are chosen before the children that bind them start (an app and its sidecar are each told
/// the other's port), so another process on a busy machine can take one first. A child that loses the
/// race fails to bind and exits; the fixture then starts the lot again on fresh ports.
/// </summary>
public static class PortRace
{
    /// <summary>What Kestrel (and the OS) says when a port is taken: "Failed to bind to address ...: address already in use."</summary>
    public const string BindFailure = "address already in use";

    /// <summary>Whether a child exited because a port it was given had been taken.</summary>
    public static bool Lost(ServiceProcess process) => process.FinalOutput() is { } output && Lost(hasExited: true, output);

    public static bool Lost(bool hasExited, string output) =>
        hasExited && output.Contains(BindFailure, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Runs <paramref name="start"/>; when it lost a port race, runs <paramref name="undo"/> (stop what
    /// started, choose fresh ports) and starts again, at most <paramref name="attempts"/> times in all.
    /// Any other failure, or a race lost on the last attempt, is the caller's.
    /// </summary>
    public static async Task RetryAsync(int attempts, Func<Task> start, Func<Task> undo)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await start();
                return;
            }
            catch (PortRaceLostException) when (attempt < attempts)
            {
                await undo();
            }
        }
    }
}

/// <summary>A child process could not bind a port chosen for it in advance; the message carries its output.</summary>
public sealed class PortRaceLostException(string message) : Exception(message);
