using System.Text;
using Microsoft.EntityFrameworkCore;
using Partnership.EventBus;
using Partnership.Storage;

namespace Partnership.Reporting.ReadModel;

/// <summary>One message that arrived on a dead-letter topic, as the subscription endpoint received it.</summary>
public sealed record ReceivedDeadLetter(string MessageId, string Topic, string DeadLetterTopic, string ContentType, byte[] Payload);

/// <summary>
/// Records dead letters with the reason they could not be applied. The broker does not say why it
/// gave up on a message, so the reason is worked out again here with the same checks the handler
/// used; a message those checks accept was dead-lettered by the sidecar itself (the app answered
/// 404, or redelivery ran out).
/// </summary>
public sealed partial class DeadLetterLog(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<DeadLetterLog> logger)
{
    private const int MaxPayloadChars = 64 * 1024;

    public async Task<DeliveryOutcome> RecordAsync(ReceivedDeadLetter message, CancellationToken cancellationToken)
    {
        var row = Describe(message);
        row.ReceivedAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
            if (await db.DeadLetters.AnyAsync(d => d.MessageId == row.MessageId, cancellationToken))
            {
                return DeliveryOutcome.Duplicate;
            }

            db.DeadLetters.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            LogRecorded(row.MessageId, row.Topic, row.Reason);
            return DeliveryOutcome.Processed;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return DeliveryOutcome.Duplicate;
        }
        catch (Exception ex) when (DatabaseErrors.IsTransient(ex))
        {
            return DeliveryOutcome.Retry;
        }
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int maxResults, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        return await db.DeadLetters.AsNoTracking()
            .OrderByDescending(d => d.ReceivedAtMs)
            .Take(maxResults)
            .ToListAsync(cancellationToken);
    }

    private static DeadLetter Describe(ReceivedDeadLetter message)
    {
        var text = Encoding.UTF8.GetString(message.Payload);
        var row = new DeadLetter
        {
            MessageId = message.MessageId,
            Topic = message.Topic,
            DeadLetterTopic = message.DeadLetterTopic,
            ContentType = message.ContentType,
            Payload = text.Length > MaxPayloadChars ? text[..MaxPayloadChars] : text,
            Reason = "",
        };

        if (!QuarterlyUpdateCodec.TryParse(message.ContentType, message.Payload, out var update, out var unreadable))
        {
            row.Reason = unreadable;
            return row;
        }

        row.EventId = update.EventId;
        row.SourceService = update.SourceService;
        row.ReturnKey = update.ReturnKey;
        row.Revision = update.Revision;
        row.Reason = QuarterlyUpdateHandler.TryRead(update, out _, out var reason)
            ? "the event is readable; the sidecar dead-lettered it (the aggregator answered 404, or redelivery ran out)"
            : reason;
        return row;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead letter {MessageId} from {Topic} recorded: {Reason}")]
    private partial void LogRecorded(string messageId, string topic, string reason);
}
