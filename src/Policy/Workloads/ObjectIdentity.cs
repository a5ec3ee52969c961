using System.Text.Json;

namespace Shipshape.Policy.Workloads;

/// <summary>apiVersion, kind and metadata of any Kubernetes object, read without knowing its kind.</summary>
public sealed record ObjectIdentity(string ApiVersion, string Kind, string? Namespace, string? Name)
{
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    public string Display => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";

    /// <summary>Reads the identity; throws <see cref="InvalidManifestException"/> when apiVersion or kind is missing.</summary>
    public static ObjectIdentity Read(JsonElement obj)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidManifestException($"expected an object, found {Describe(obj.ValueKind)}");
        }
        var kindField = StringField(obj, "kind", "kind", "object");
        var metadata = Metadata(obj, kindField ?? "object");
        string? ns = null, name = null;
        if (metadata is { } m)
        {
            var where = kindField ?? "object";
            ns = StringField(m, "namespace", "metadata.namespace", where);
            name = StringField(m, "name", "metadata.name", where);
            if (string.IsNullOrEmpty(name) && StringField(m, "generateName", "metadata.generateName", where) is { Length: > 0 } prefix)
            {
                // Pods made by controllers are admitted before the API server appends the random suffix.
                name = prefix + "<generated>";
            }
        }
        var named = string.IsNullOrEmpty(name) ? "an unnamed object" : $"object \"{name}\"";
        var apiVersion = StringField(obj, "apiVersion", "apiVersion", named) ?? throw new InvalidManifestException($"{named}: apiVersion is missing");
        var kind = kindField ?? throw new InvalidManifestException($"{named}: kind is missing");
        return new ObjectIdentity(apiVersion, kind, string.IsNullOrEmpty(ns) ? null : ns, string.IsNullOrEmpty(name) ? null : name);
    }

    /// <summary>The object's metadata; null when absent; refused when it is not an object.</summary>
    internal static JsonElement? Metadata(JsonElement obj, string where)
    {
        if (!obj.TryGetProperty("metadata", out var metadata) || metadata.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return metadata.ValueKind == JsonValueKind.Object
            ? metadata
            : throw new InvalidManifestException($"{where}: metadata must be an object, found {Describe(metadata.ValueKind)}");
    }

    /// <summary>A string field; null when absent; refused, naming <paramref name="path"/> in <paramref name="where"/>, when it is not a string.</summary>
    internal static string? StringField(JsonElement obj, string field, string path, string where)
    {
        if (!obj.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidManifestException($"{where}: {path} must be a string, found {Describe(value.ValueKind)}");
    }

    /// <summary>"an object", "a list", …: how messages name what was found instead of what was expected.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
