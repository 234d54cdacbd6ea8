using Partnership.Contracts;
using Partnership.EventBus;
using Partnership.Reporting.ReadModel;

namespace Partnership.Reporting.Subscriptions;

/// <summary>
/// The HTTP endpoints the sidecar delivers to. They only translate: the payload to a QuarterlyUpdate
/// for the idempotent handler, and its outcome to Dapr's SUCCESS, RETRY or DROP.
/// </summary>
public sealed partial class SubscriptionEndpoints
{
    public const string CloudEventIdProperty = "id";

    // Dapr's CloudEvents middleware forwards an envelope property as a header with this prefix.
    private const string CloudEventHeaderPrefix = "Cloudevent.";

    public static Func<HttpRequest, QuarterlyUpdateHandler, ILogger<SubscriptionEndpoints>, CancellationToken, Task<IResult>> DeliverAsync(string topic) =>
        async (request, handler, logger, cancellationToken) =>
        {
            var payload = await ReadAsync(request, cancellationToken);
            if (!QuarterlyUpdateCodec.TryParse(request.ContentType, payload, out var update, out var reason))
            {
                LogUnreadable(logger, topic, reason);
                QuarterlyUpdateHandler.Count(topic, DeliveryOutcome.Drop);
                return Answer(DeliveryOutcome.Drop);
            }

            return Answer(await handler.HandleAsync(topic, update, cancellationToken));
        };

    public static Func<HttpRequest, DeadLetterLog, CancellationToken, Task<IResult>> RecordDeadLetterAsync(string topic) =>
        async (request, deadLetters, cancellationToken) =>
        {
            var payload = await ReadAsync(request, cancellationToken);
            var messageId = request.Headers[CloudEventHeaderPrefix + CloudEventIdProperty].ToString();
            var received = new ReceivedDeadLetter(
                string.IsNullOrEmpty(messageId) ? Guid.NewGuid().ToString() : messageId,
                topic,
                EventTopics.DeadLetterOf(topic),
                request.ContentType ?? "",
                payload);
            return Answer(await deadLetters.RecordAsync(received, cancellationToken));
        };

    private static IResult Answer(DeliveryOutcome outcome) => Results.Json(new DaprAnswer(outcome switch
    {
        DeliveryOutcome.Retry => "RETRY",
        DeliveryOutcome.Drop => "DROP",
        _ => "SUCCESS",
    }));

    private static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private sealed record DaprAnswer(string Status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An event on {Topic} is dropped: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string topic, string reason);
}
