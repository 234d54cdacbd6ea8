using Microsoft.AspNetCore.Builder;

namespace Partnership.Testing;

/// <summary>How an <see cref="ExchangeHost"/> differs from the plain one: only what some suite really needs.</summary>
public sealed record ExchangeOptions
{
    /// <summary>The store to run on, owned and disposed by the host; a new SQLite store when not given.</summary>
    public TestStore? Store { get; init; }

    /// <summary>The host leaves <see cref="Store"/> for the test to dispose: a second host starts on the same databases.</summary>
    public bool KeepStore { get; init; }

    /// <summary>
    /// Whether calls carry a token allowed everything unless they send their own. Suites about the data
    /// flow leave it on; the security suite turns it off so a call carries only the token it is given.
    /// </summary>
    public bool SignedIn { get; init; } = true;

    /// <summary>Measures added to the built-in catalogue (a JSON array, as in Catalogue:ExtraFiles).</summary>
    public string? ExtraCatalogue { get; init; }

    /// <summary>Server errors say what threw, not just UNKNOWN.</summary>
    public bool DetailedErrors { get; init; }

    /// <summary>
    /// Whether starting waits until the aggregator's report cache is warm (it is not ready before), so
    /// a suite probing readiness right after the start sees the steady state. Off to watch the warm-up.
    /// </summary>
    public bool WaitForReportCache { get; init; } = true;

    /// <summary>Runs after the services are added, before the host is built.</summary>
    public Action<WebApplicationBuilder>? Configure { get; init; }
}
