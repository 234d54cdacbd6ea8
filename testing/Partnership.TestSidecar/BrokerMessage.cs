using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Partnership.TestSidecar;

/// <summary>
/// A message on the in-memory broker: the CloudEvent envelope as daprd builds it on publish, plus the
/// publish metadata. Dead-lettering moves the same envelope, unchanged, to another topic.
/// </summary>
public sealed record BrokerMessage(string PubSub, string Topic, string Envelope, Dictionary<string, string> Metadata)
{
    private JsonObject Parsed => JsonNode.Parse(Envelope)!.AsObject();

    public string Id => Parsed["id"]?.GetValue<string>() ?? "";

    public string? TraceParent => Parsed["traceparent"]?.GetValue<string>();

    public string? TraceState => Parsed["tracestate"]?.GetValue<string>();

    /// <summary>The same envelope on another topic; an injected misroute applies to the first delivery only.</summary>
    public BrokerMessage ToTopic(string topic) => this with
    {
        Topic = topic,
        Metadata = Metadata.Where(m => m.Key != FaultOptions.MisrouteMetadataKey).ToDictionary(),
    };

    /// <summary>
    /// Wraps published bytes in a CloudEvent 1.0 the way daprd does: JSON data embedded as JSON, other
    /// text as a string, binary as <c>data_base64</c>; a payload that already is a CloudEvent is kept.
    /// </summary>
    public static BrokerMessage Wrap(
        string appId, string pubsub, string topic, byte[] data, string? contentType,
        IDictionary<string, string> metadata, string? traceParent, string? traceState)
    {
        contentType = string.IsNullOrEmpty(contentType) ? "text/plain" : contentType;
        JsonObject envelope;
        if (contentType.StartsWith("application/cloudevents+json", StringComparison.OrdinalIgnoreCase)
            && TryParseObject(data, out var existing))
        {
            envelope = existing;
        }
        else
        {
            envelope = new JsonObject { ["datacontenttype"] = contentType };
            if (IsJson(contentType) && TryParseNode(data, out var json))
            {
                envelope["data"] = json;
            }
            else if (IsText(contentType))
            {
                envelope["data"] = Encoding.UTF8.GetString(data);
            }
            else
            {
                envelope["data_base64"] = Convert.ToBase64String(data);
            }
        }

        envelope["id"] ??= Guid.NewGuid().ToString();
        envelope["source"] ??= appId;
        envelope["type"] ??= "com.dapr.event.sent";
        envelope["specversion"] ??= "1.0";
        envelope["time"] ??= DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffK", CultureInfo.InvariantCulture);
        envelope["topic"] = topic;
        envelope["pubsubname"] = pubsub;
        envelope["traceparent"] = traceParent ?? NewTraceParent();
        envelope["traceid"] = envelope["traceparent"]!.GetValue<string>();
        if (!string.IsNullOrEmpty(traceState))
        {
            envelope["tracestate"] = traceState;
        }

        return new BrokerMessage(pubsub, topic, envelope.ToJsonString(), new Dictionary<string, string>(metadata));
    }

    private static bool IsJson(string contentType)
    {
        var media = contentType.Split(';')[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsText(string contentType) =>
        contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase);

    private static bool TryParseNode(byte[] data, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(data);
            return true;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }

    private static bool TryParseObject(byte[] data, out JsonObject envelope)
    {
        envelope = [];
        if (TryParseNode(data, out var node) && node is JsonObject parsed)
        {
            envelope = parsed;
            return true;
        }

        return false;
    }

    private static string NewTraceParent() =>
        $"00-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8])}-01";
}
