namespace Partnership.Testing;

/// <summary>A clock a test moves by hand: "now" for the services, or for the CLI's return calendar.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
