using System.Diagnostics;
using System.Diagnostics.Metrics;
using Partnership.Contracts;
using Partnership.Contracts.Events.V1;
using Partnership.EventBus;
using Partnership.ServiceDefaults;
using Partnership.Storage;

namespace Partnership.Reporting.ReadModel;

/// <summary>
/// Applies a quarterly update to the read model idempotently: the same event twice changes nothing,
/// and an older revision arriving after a newer one is ignored (<see cref="ReadModelWriter"/>, one
/// transaction). An event that can never be applied is dropped, a transient failure asks for
/// redelivery, and an applied one tells the report's watchers that its area changed.
/// </summary>
public sealed partial class QuarterlyUpdateHandler(
    IServiceScopeFactory scopes,
    ReportChangeNotifier notifier,
    TimeProvider clock,
    ILogger<QuarterlyUpdateHandler> logger) : IQuarterlyUpdateSubscriber
{
    private readonly ReadModelWriter _writer = new(scopes, clock);

    private static readonly Counter<long> Events = Telemetry.Meter.CreateCounter<long>("partnership.events.handled", description: "Quarterly updates handled, by outcome");

    public async Task<DeliveryOutcome> HandleAsync(string topic, QuarterlyUpdate update, CancellationToken cancellationToken)
    {
        // An event a domain service sent before its schema step moved it to the force area code.
        RetiredAreaCodes.Canonicalise(update);
        using var activity = Telemetry.Source.StartActivity("apply quarterly update", ActivityKind.Consumer);
        activity?.SetTag("partnership.return_id", update.ReturnId);
        activity?.SetTag("partnership.area", update.AreaCode);
        activity?.SetTag("messaging.message.id", update.EventId);

        var outcome = await ApplyAsync(update, cancellationToken);
        activity?.SetTag("partnership.outcome", outcome.ToString());
        Count(topic, outcome);
        LogHandled(update.EventId, update.ReturnKey, update.Revision, outcome);
        if (outcome == DeliveryOutcome.Processed)
        {
            notifier.Changed(update.AreaCode);
        }

        return outcome;
    }

    /// <summary>Counts a delivery's outcome, also for one the subscription endpoint dropped before it reached the handler.</summary>
    public static void Count(string topic, DeliveryOutcome outcome) =>
        Events.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()), new KeyValuePair<string, object?>("topic", topic));

    private async Task<DeliveryOutcome> ApplyAsync(QuarterlyUpdate update, CancellationToken cancellationToken)
    {
        if (!TryRead(update, out var observations, out var reason))
        {
            LogDropped(update.EventId, reason);
            return DeliveryOutcome.Drop;
        }

        try
        {
            return await _writer.WriteAsync(update, observations, cancellationToken);
        }
        catch (Exception ex) when (DatabaseErrors.IsTransient(ex))
        {
            LogTransient(update.EventId, ex);
            return DeliveryOutcome.Retry;
        }
    }

    /// <summary>
    /// Reads an update into read-model rows, or says why it can never be applied (the reason a
    /// dead letter is recorded with).
    /// </summary>
    public static bool TryRead(QuarterlyUpdate update, out List<ReportObservation> observations, out string reason)
    {
        observations = [];
        if (!QuarterlyUpdateCodec.IsKnownVersion(update, out reason))
        {
            return false;
        }

        try
        {
            observations = [.. update.Observations.Select(o => ToRow(update, o))];
        }
        catch (FormatException ex)
        {
            reason = $"the event cannot be read: {ex.Message}";
            return false;
        }

        if (string.IsNullOrEmpty(update.EventId) || string.IsNullOrEmpty(update.ReturnKey) || update.Revision < 1)
        {
            reason = "the event cannot be read: it has no id, return key or revision";
            return false;
        }

        reason = "";
        return true;
    }

    private static ReportObservation ToRow(QuarterlyUpdate update, Contracts.Common.V1.Observation observation)
    {
        var domain = observation.ToDomain();
        return new ReportObservation
        {
            ReturnKey = update.ReturnKey,
            ReturnId = update.ReturnId,
            Revision = update.Revision,
            MeasureId = domain.MeasureId,
            AreaCode = domain.AreaCode,
            PeriodKey = domain.Period.Key,
            Value = domain.Figure.Value,
            Numerator = domain.Figure.Numerator,
            Denominator = domain.Figure.Denominator,
            Status = domain.Status,
            Confidentiality = domain.Confidentiality,
            Note = domain.Note,
            Trend = domain.Trend,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} for {ReturnKey} revision {Revision}: {Outcome}")]
    private partial void LogHandled(string eventId, string returnKey, int revision, DeliveryOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} is dropped: {Reason}")]
    private partial void LogDropped(string eventId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} hit a transient failure; asking for redelivery")]
    private partial void LogTransient(string eventId, Exception exception);
}
