using System.Text;
using Google.Protobuf;
using Partnership.Contracts;
using Partnership.Contracts.Events.V1;

namespace Partnership.EventBus;

/// <summary>
/// The one place a <see cref="QuarterlyUpdate"/> becomes bytes and bytes become one again: the
/// outbox stores what <see cref="Serialize"/> writes, the transports carry it unchanged, and the
/// aggregator reads it back here, so publisher and subscriber cannot drift apart. Events are written
/// as protobuf JSON (System.Text.Json over a generated class would not be the proto's JSON); binary
/// protobuf is read too, by its content type, for a publisher that sends it.
/// </summary>
public static class QuarterlyUpdateCodec
{
    /// <summary>The content type of what <see cref="Serialize"/> writes, sent with it to the broker.</summary>
    public const string ContentType = "application/json";

    /// <summary>The contract version this build writes and can apply.</summary>
    public const int ContractVersion = EventTopics.QuarterlyUpdateContractVersion;

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    // A newer publisher may add fields; the event is still read for the fields this build knows.
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static byte[] Serialize(QuarterlyUpdate update) => Encoding.UTF8.GetBytes(Formatter.Format(update));

    /// <summary>
    /// Reads an event by its content type: JSON when it names JSON (or none is given), binary when it
    /// names protobuf. Throws <see cref="InvalidJsonException"/> or <see cref="InvalidProtocolBufferException"/>
    /// for bytes that are not an event, and <see cref="NotSupportedException"/> for another content type.
    /// </summary>
    public static QuarterlyUpdate Parse(string? contentType, ReadOnlySpan<byte> data)
    {
        if (contentType is not null && contentType.Contains("protobuf", StringComparison.OrdinalIgnoreCase))
        {
            return QuarterlyUpdate.Parser.ParseFrom(data);
        }

        if (contentType is null || contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Parser.Parse<QuarterlyUpdate>(Encoding.UTF8.GetString(data));
        }

        throw new NotSupportedException($"content type '{contentType}' is not a QuarterlyUpdate encoding");
    }

    /// <summary>The same, or false with the reason the bytes cannot be read (the reason a dead letter is recorded with).</summary>
    public static bool TryParse(string? contentType, ReadOnlySpan<byte> data, out QuarterlyUpdate update, out string reason)
    {
        try
        {
            update = Parse(contentType, data);
            reason = "";
            return true;
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or NotSupportedException)
        {
            update = new QuarterlyUpdate();
            reason = $"unreadable payload: {ex.Message}";
            return false;
        }
    }

    /// <summary>
    /// Whether this build can apply an event it has read: a contract version it does not know may mean
    /// fields it would misread, so such an event is refused whole rather than applied in part.
    /// </summary>
    public static bool IsKnownVersion(QuarterlyUpdate update, out string reason)
    {
        reason = update.ContractVersion == ContractVersion
            ? ""
            : $"contract version {update.ContractVersion} is not known to this aggregator (it reads version {ContractVersion})";
        return reason.Length == 0;
    }
}
