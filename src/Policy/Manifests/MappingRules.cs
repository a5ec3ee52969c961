using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Shipshape.Policy.Manifests;

/// <summary>How a YAML mapping becomes a JSON object in kubectl's hands: merge keys, and keys as strings.</summary>
internal static class MappingRules
{
    /// <summary>A merge key's mapping (or list of mappings, the first winning) adds only keys not set yet.</summary>
    public static void Merge(JsonObject target, JsonNode? merged, ParsingEvent at)
    {
        var sources = merged switch
        {
            JsonObject single => [single],
            JsonArray list when list.All(item => item is JsonObject) => list.Cast<JsonObject>().ToArray(),
            _ => throw new YamlException(at.Start, at.End, "a merge key (<<) must be given a mapping or a list of mappings"),
        };
        foreach (var source in sources)
        {
            foreach (var (key, value) in source)
            {
                if (!target.ContainsKey(key))
                {
                    target[key] = value?.DeepClone();
                }
            }
        }
    }

    /// <summary>JSON keys are strings; like kubectl, a number or boolean key becomes its text.</summary>
    public static string Key(JsonNode? key, ParsingEvent at) => key switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValueKind() == JsonValueKind.True ? "true" : "false",
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        null => throw new YamlException(at.Start, at.End, "a mapping key is null"),
        _ => throw new YamlException(at.Start, at.End, $"a mapping key is {(key is JsonArray ? "a list" : "a mapping")}; JSON keys are strings"),
    };
}
