namespace Partnership.Testing;

/// <summary>
/// Every process in the tests binds port 0 but one: a test sidecar started again beside an app that
/// still runs, which must come back on the ports the app was given (DAPR_GRPC_PORT, DAPR_HTTP_PORT,
/// read once at start-up, as daprd's contract has it). Another process may take such a port while the
/// sidecar is down; the sidecar then fails to bind and exits, and this tells that apart from other failures.
/// </summary>
public static class PortRace
{
    /// <summary>What Kestrel (and the OS) says when a port is taken: "Failed to bind to address ...: address already in use."</summary>
    public const string BindFailure = "address already in use";

    /// <summary>Whether a child exited because a port it was given had been taken.</summary>
    public static bool Lost(ServiceProcess process) => process.FinalOutput() is { } output && Lost(hasExited: true, output);

    public static bool Lost(bool hasExited, string output) =>
        hasExited && output.Contains(BindFailure, StringComparison.OrdinalIgnoreCase);
}
