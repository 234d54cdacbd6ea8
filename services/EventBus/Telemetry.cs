using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Partnership.EventBus;

/// <summary>The exchange's activity source and meter; ServiceDefaults subscribes to this name.</summary>
public static class Telemetry
{
    public const string Name = "Partnership";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);
}
