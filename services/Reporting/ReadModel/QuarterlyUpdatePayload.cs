using System.Text;
using Google.Protobuf;
using Partnership.Contracts.Events.V1;

namespace Partnership.Reporting.ReadModel;

/// <summary>Reads a QuarterlyUpdate from a delivered payload: protobuf JSON, or binary protobuf by its content type.</summary>
public static class QuarterlyUpdatePayload
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static bool TryParse(string? contentType, byte[] payload, out QuarterlyUpdate update, out string reason)
    {
        update = new QuarterlyUpdate();
        try
        {
            if (contentType is not null && contentType.Contains("protobuf", StringComparison.OrdinalIgnoreCase))
            {
                update = QuarterlyUpdate.Parser.ParseFrom(payload);
            }
            else if (contentType is null || contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                update = Parser.Parse<QuarterlyUpdate>(Encoding.UTF8.GetString(payload));
            }
            else
            {
                reason = $"unreadable payload: content type '{contentType}' is not a QuarterlyUpdate encoding";
                return false;
            }
        }
        catch (InvalidProtocolBufferException ex)
        {
            reason = $"unreadable payload: {ex.Message}";
            return false;
        }
        catch (InvalidJsonException ex)
        {
            reason = $"unreadable payload: {ex.Message}";
            return false;
        }

        reason = "";
        return true;
    }
}
