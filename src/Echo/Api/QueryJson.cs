using System.Text.Json;
using Shipshape.Echo.Logging;

namespace Shipshape.Echo.Api;

/// <summary>Writes a query as <c>{"key": ["v1", "v2"], ...}</c>, optionally masking sensitive values.</summary>
public static class QueryJson
{
    public const string MaskedValue = "***";

    public static void WriteObject(Utf8JsonWriter writer, EchoQuery query, SensitiveKeyMask? mask = null)
    {
        writer.WriteStartObject();
        foreach (var (key, values) in query.Entries)
        {
            writer.WriteStartArray(key);
            var masked = mask?.IsSensitive(key) == true;
            foreach (var value in values)
            {
                writer.WriteStringValue(masked ? MaskedValue : value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
