namespace Partnership.LocalHost;

/// <summary>
/// The local run's clock started at <c>Clock:Start</c> instead of now, and running at the real rate
/// from there: a demo or a browser test can show the return calendar on a chosen day (a return sent
/// late, another overdue) while timers, the outbox and sessions still see time pass.
/// </summary>
public sealed class DevelopmentClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _started = TimeProvider.System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + TimeProvider.System.GetElapsedTime(_started);
}

public static partial class Extensions
{
    /// <summary>
    /// With <c>Clock:Start</c> set, every service of the local host reads "now" from a
    /// <see cref="DevelopmentClock"/>. Call it after the services are added: it replaces the clock they registered.
    /// </summary>
    public static IHostApplicationBuilder AddDevelopmentClock(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<DateTimeOffset?>("Clock:Start") is { } start)
        {
            builder.Services.AddSingleton<TimeProvider>(new DevelopmentClock(start));
        }

        return builder;
    }
}
