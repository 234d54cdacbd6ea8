using Partnership.Domain;

namespace Partnership.Reporting.Delivery;

/// <summary>One return the aggregator holds: who sends it (a service for an area) and the window it is for.</summary>
public sealed record HeldReturn(string Sender, Period Period);
