using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipshape.Policy.Tests.Support;

/// <summary>Small edits on JSON objects, so a test states only what differs from a compliant manifest.</summary>
public static class Json
{
    /// <summary>Sets the field at <paramref name="path"/> (dotted; missing objects on the way are created). Returns the object.</summary>
    public static JsonObject Set(this JsonObject obj, string path, JsonNode? value)
    {
        var (parent, field) = Parent(obj, path, create: true);
        parent![field] = value;
        return obj;
    }

    /// <summary>Removes the field at <paramref name="path"/> (dotted) if it is there. Returns the object.</summary>
    public static JsonObject Without(this JsonObject obj, string path)
    {
        var (parent, field) = Parent(obj, path, create: false);
        parent?.Remove(field);
        return obj;
    }

    /// <summary>A JSON object from pairs, e.g. <c>Map(("cpu", "100m"), ("memory", "128Mi"))</c>.</summary>
    public static JsonObject Map(params (string Key, string Value)[] entries)
    {
        var map = new JsonObject();
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }
        return map;
    }

    /// <summary>The text as a parsed element that outlives its document.</summary>
    public static JsonElement Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static JsonElement Parse(JsonNode node) => Parse(node.ToJsonString());

    private static (JsonObject? Parent, string Field) Parent(JsonObject obj, string path, bool create)
    {
        var parts = path.Split('.');
        JsonObject? current = obj;
        foreach (var part in parts[..^1])
        {
            if (current![part] is JsonObject next)
            {
                current = next;
            }
            else if (create)
            {
                var created = new JsonObject();
                current[part] = created;
                current = created;
            }
            else
            {
                return (null, parts[^1]);
            }
        }
        return (current, parts[^1]);
    }
}
