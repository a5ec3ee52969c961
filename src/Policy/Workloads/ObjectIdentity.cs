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
        var apiVersion = StringField(obj, "apiVersion") ?? throw new InvalidManifestException("apiVersion is missing");
        var kind = StringField(obj, "kind") ?? throw new InvalidManifestException("kind is missing");
        string? ns = null, name = null;
        if (obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            ns = StringField(metadata, "namespace");
            name = StringField(metadata, "name");
            if (string.IsNullOrEmpty(name) && StringField(metadata, "generateName") is { Length: > 0 } prefix)
            {
                // Pods made by controllers are admitted before the API server appends the random suffix.
                name = prefix + "<generated>";
            }
        }
        return new ObjectIdentity(apiVersion, kind, string.IsNullOrEmpty(ns) ? null : ns, string.IsNullOrEmpty(name) ? null : name);
    }

    internal static string? StringField(JsonElement obj, string field)
    {
        if (!obj.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidManifestException($"{field} must be a string, found {Describe(value.ValueKind)}");
    }

    internal static string Describe(JsonValueKind kind) => kind switch
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
