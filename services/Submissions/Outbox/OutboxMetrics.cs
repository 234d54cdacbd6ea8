using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Partnership.ServiceDefaults;

namespace Partnership.Submissions.Outbox;

/// <summary>
/// Outbox depth and the age of its oldest record, per topic, as last seen by the dispatcher. One set
/// of gauges serves every dispatcher in the process (the local host runs four).
/// </summary>
internal static class OutboxMetrics
{
    private static readonly ConcurrentDictionary<string, (long Depth, long OldestCreatedAtMs)> Latest = new();

    static OutboxMetrics()
    {
        Telemetry.Meter.CreateObservableGauge(
            "partnership.outbox.depth",
            () => Latest.Select(pair => new Measurement<long>(pair.Value.Depth, new KeyValuePair<string, object?>("topic", pair.Key))),
            description: "Events stored but not yet published");
        Telemetry.Meter.CreateObservableGauge(
            "partnership.outbox.oldest_age",
            () => Latest.Select(pair => new Measurement<double>(
                pair.Value.Depth == 0 ? 0 : (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - pair.Value.OldestCreatedAtMs) / 1000.0,
                new KeyValuePair<string, object?>("topic", pair.Key))),
            unit: "s",
            description: "Age of the oldest unpublished event");
    }

    public static void Record(string topic, long depth, long oldestCreatedAtMs) => Latest[topic] = (depth, oldestCreatedAtMs);
}
