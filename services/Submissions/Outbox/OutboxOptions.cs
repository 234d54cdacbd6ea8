namespace Partnership.Submissions.Outbox;

public sealed class OutboxOptions
{
    /// <summary>How often the outbox is checked when nothing wakes the dispatcher (after a restart, a failed publish).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Holds every event in the outbox (submissions are still accepted and stored) until a start
    /// without it: for broker maintenance, and for the crash tests' "stored but not yet published".
    /// </summary>
    public bool Paused { get; set; }

    public int BatchSize { get; set; } = 100;

    /// <summary>The first retry delay; it doubles per failed attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
