using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Partnership.ServiceDefaults;

/// <summary>
/// The exchange's one activity source and meter, declared once: every service records on them and
/// ConfigureOpenTelemetry (Extensions) listens to this name.
/// </summary>
public static class Telemetry
{
    public const string Name = "Partnership";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);
}
