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
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _durations = new(StringComparer.Ordinal);
    private readonly ActivityListener _listener;

    public ActivityTimes()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Telemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                _totals.AddOrUpdate(
                    activity.DisplayName,
                    (1, activity.Duration.TotalMilliseconds),
                    (_, total) => (total.Count + 1, total.Milliseconds + activity.Duration.TotalMilliseconds));
                _durations.GetOrAdd(activity.DisplayName, _ => new ConcurrentQueue<double>()).Enqueue(activity.Duration.TotalMilliseconds);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Reset()
    {
        _totals.Clear();
        _durations.Clear();
    }

    /// <summary>Mean milliseconds per span, by name, e.g. <c>store return 12.3 ms (x7)</c>.</summary>
    public string Summary() => string.Join("; ", _totals
        .OrderByDescending(t => t.Value.Milliseconds)
        .Select(t => $"{t.Key} {t.Value.Milliseconds / t.Value.Count:0.##} ms (x{t.Value.Count})"));

    /// <summary>
    /// The p50 and p99 of each named span that ran, e.g. <c>outbox publish p50 3.1 / p99 9.8 ms (x200)</c>:
    /// for a figure judged by its tail, where the tail is.
    /// </summary>
    public string Distribution(params string[] names) => string.Join("; ", names
        .Where(_durations.ContainsKey)
        .Select(name => (Name: name, Sample: new Sample(_durations[name])))
        .Select(s => $"{s.Name} p50 {s.Sample.Median:0.00} / p99 {s.Sample.Percentile(99):0.00} ms (x{s.Sample.Count})"));

    /// <summary>Mean milliseconds of one span, or NaN when it never ran.</summary>
    public double Mean(string name) => _totals.TryGetValue(name, out var total) ? total.Milliseconds / total.Count : double.NaN;

    public void Dispose() => _listener.Dispose();
}
