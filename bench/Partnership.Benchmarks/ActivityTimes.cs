using System.Collections.Concurrent;
using System.Diagnostics;
using Partnership.ServiceDefaults;

namespace Partnership.Benchmarks;

/// <summary>
/// Where the time of a benchmark goes: listens to the exchange's own spans (submit, validate, store,
/// publish, apply) and adds up their durations by name, so a ratio comes with its breakdown.
/// </summary>
public sealed class ActivityTimes : IDisposable
{
    private readonly ConcurrentDictionary<string, (int Count, double Milliseconds)> _totals = new(StringComparer.Ordinal);
    private readonly ActivityListener _listener;

    public ActivityTimes()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Telemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => _totals.AddOrUpdate(
                activity.DisplayName,
                (1, activity.Duration.TotalMilliseconds),
                (_, total) => (total.Count + 1, total.Milliseconds + activity.Duration.TotalMilliseconds)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Reset() => _totals.Clear();

    /// <summary>Mean milliseconds per span, by name, e.g. <c>store return 12.3 ms (x7)</c>.</summary>
    public string Summary() => string.Join("; ", _totals
        .OrderByDescending(t => t.Value.Milliseconds)
        .Select(t => $"{t.Key} {t.Value.Milliseconds / t.Value.Count:0.##} ms (x{t.Value.Count})"));

    /// <summary>Mean milliseconds of one span, or NaN when it never ran.</summary>
    public double Mean(string name) => _totals.TryGetValue(name, out var total) ? total.Milliseconds / total.Count : double.NaN;

    public void Dispose() => _listener.Dispose();
}
