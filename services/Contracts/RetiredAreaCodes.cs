using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Partnership.Domain;

namespace Partnership.Contracts;

/// <summary>
/// Turns retired area codes (<see cref="Geography.RetiredCodes"/>) in a contract message into their
/// areas' codes: every <c>area_code</c> and <c>force_area_code</c> field, and the area in every
/// <c>return_key</c>, in nested messages and lists too. Requests pass through it at every service, and
/// events at the aggregator, so an old code is never looked up or stored.
/// </summary>
public static class RetiredAreaCodes
{
    public static T Canonicalise<T>(T message)
    {
        if (message is IMessage root)
        {
            Visit(root);
        }

        return message;
    }

    private static void Visit(IMessage message)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var value = field.Accessor.GetValue(message);
            switch (field.FieldType)
            {
                case FieldType.String when !field.IsRepeated && value is string text && Rewrite(field.Name, text) is { } current:
                    field.Accessor.SetValue(message, current);
                    break;
                case FieldType.Message when field.IsRepeated && !field.IsMap && value is IEnumerable items:
                    foreach (var item in items.OfType<IMessage>())
                    {
                        Visit(item);
                    }

                    break;
                case FieldType.Message when !field.IsRepeated && value is IMessage nested:
                    Visit(nested);
                    break;
            }
        }
    }

    private static string? Rewrite(string field, string text)
    {
        if (field.EndsWith("area_code", StringComparison.Ordinal))
        {
            return Geography.RetiredCodes.TryGetValue(text.Trim(), out var current) ? current : null;
        }

        if (field == "return_key" && ReturnIdentity.TryParse(text, out var identity) && Geography.RetiredCodes.TryGetValue(identity.AreaCode, out var code))
        {
            return (identity with { AreaCode = code }).Key;
        }

        return null;
    }
}
