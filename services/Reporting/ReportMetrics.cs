using System.Diagnostics;
using System.Diagnostics.Metrics;
using Partnership.ServiceDefaults;

namespace Partnership.Reporting;

/// <summary>How long the aggregator takes to build a rollup or report, as a span and a histogram.</summary>
internal static class ReportMetrics
{
    private static readonly Histogram<double> Duration = Telemetry.Meter.CreateHistogram<double>(
        "partnership.rollup.duration", unit: "ms", description: "Time to build a county rollup or report from the read model");

    public static Measurement Start(string kind, string forceCode, string period)
    {
        var activity = Telemetry.Source.StartActivity("build " + kind.Replace('_', ' '));
        activity?.SetTag("partnership.area", forceCode);
        activity?.SetTag("partnership.period", period);
        return new Measurement(kind, activity, Stopwatch.GetTimestamp());
    }

    public readonly struct Measurement(string kind, Activity? activity, long started) : IDisposable
    {
        public void Dispose()
        {
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("kind", kind));
            activity?.Dispose();
        }
    }
}
