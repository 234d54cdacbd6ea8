namespace Partnership.Security;

/// <summary>
/// The caller for work the host does itself, outside any request (seeding demo data through the
/// pipeline). It flows with the async call it was set in, so it can never reach a partner's request.
/// </summary>
public static class InProcessCaller
{
    private static readonly AsyncLocal<Caller?> Acting = new();

    public static Caller? Current => Acting.Value;

    /// <summary>Acts as <paramref name="caller"/> until the result is disposed.</summary>
    public static IDisposable Use(Caller caller)
    {
        var previous = Acting.Value;
        Acting.Value = caller;
        return new Restore(previous);
    }

    private sealed class Restore(Caller? previous) : IDisposable
    {
        public void Dispose() => Acting.Value = previous;
    }
}
