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

    /// <summary>
    /// How many events of a batch are published at once. Events of one return are still published one
    /// after another, in revision order; different returns go in parallel. One at a time, each publish
    /// waits for the transport (on the embedded bus, the aggregator's whole transaction), and the
    /// dispatcher fell behind a full load test on PostgreSQL (docs/performance.md, "Load test").
    /// </summary>
    public int PublishConcurrency { get; set; } = 8;

    /// <summary>The first retry delay; it doubles per failed attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
