using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipshape.Deploy.Tests.Support;

/// <summary>
/// The structural openAPIV3Schema of one served version of a CRD, checking custom objects the way the API server
/// would, but stricter about unknown fields: a field that no <c>properties</c> declares is an error even under
/// <c>x-kubernetes-preserve-unknown-fields</c>, because the operator's typed decoding would ignore it silently.
/// Only nodes that declare no properties at all (free-form maps such as an Elasticsearch node's <c>config</c>)
/// accept anything. Findings name the path, e.g. <c>spec.nodeSets[0].podTemplate.spec.containers[0].resource</c>.
/// </summary>
public sealed class CrdSchema
{
    // Fields of ObjectMeta a manifest may set; the API server validates metadata itself, whatever the CRD says.
    private static readonly HashSet<string> ObjectMetaFields =
        ["name", "generateName", "namespace", "labels", "annotations", "finalizers", "ownerReferences"];

    private readonly JsonObject _schema;

    private CrdSchema(string group, string version, string kind, JsonObject schema)
    {
        ApiVersion = $"{group}/{version}";
        Kind = kind;
        _schema = schema;
    }

    public string ApiVersion { get; }

    public string Kind { get; }

    /// <summary>A schema file written by Platform/Fixtures/crds/extract-schema.mjs: group, version, kind, openAPIV3Schema.</summary>
    public static CrdSchema LoadExtracted(string file)
    {
        var body = KubeObjects.Parse(File.ReadAllText(file)).Single();
        return new CrdSchema((string)body["group"]!, (string)body["version"]!, (string)body["kind"]!, body["openAPIV3Schema"]!.AsObject());
    }

    /// <summary>A served version of a whole CustomResourceDefinition object (e.g. one document of a chart's crds/).</summary>
    public static CrdSchema FromDefinition(JsonObject crd, string version)
    {
        var spec = crd["spec"]!;
        var served = spec["versions"]!.AsArray()
            .Single(v => (string)v!["name"]! == version && (bool)v["served"]!);
        return new CrdSchema((string)spec["group"]!, version, (string)spec["names"]!["kind"]!, served!["schema"]!["openAPIV3Schema"]!.AsObject());
    }

    /// <summary>Every finding for an object of this kind, as "path: problem"; empty when it matches.</summary>
    public IReadOnlyList<string> Validate(JsonObject manifest)
    {
        var findings = new List<string>();
        if ((string?)manifest["apiVersion"] != ApiVersion || (string?)manifest["kind"] != Kind)
        {
            findings.Add($"(root): {manifest["apiVersion"]}/{manifest["kind"]} is not {ApiVersion} {Kind}");
            return findings;
        }

        CheckMetadata(manifest["metadata"], "metadata", findings);
        var body = new JsonObject(manifest.Where(p => p.Key is not ("apiVersion" or "kind" or "metadata"))
            .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        // apiVersion, kind and metadata are checked above; a schema that lists them as required is satisfied by them.
        CheckProperties(_schema, body, "", findings, manifest.Select(p => p.Key).Where(k => k is "apiVersion" or "kind" or "metadata").ToHashSet());
        return findings;
    }

    private static void Check(JsonObject schema, JsonNode? value, string path, List<string> findings)
    {
        if (value is null)
        {
            if (schema["nullable"] is not JsonValue nullable || !nullable.GetValue<bool>())
            {
                findings.Add($"{path}: null is not allowed");
            }

            return;
        }

        if (IsTrue(schema, "x-kubernetes-int-or-string"))
        {
            if (value is not JsonValue scalar || scalar.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number) || (scalar.GetValueKind() == JsonValueKind.Number && !IsInteger(scalar)))
            {
                findings.Add($"{path}: expected an integer or a string, found {Describe(value)}");
            }

            return;
        }

        var type = (string?)schema["type"];
        if (!HasType(value, type))
        {
            findings.Add($"{path}: expected {type}, found {Describe(value)}");
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            findings.Add($"{path}: {value.ToJsonString()} is not one of {allowed.ToJsonString()}");
        }

        switch (value)
        {
            case JsonObject mapping:
                if (IsTrue(schema, "x-kubernetes-embedded-resource"))
                {
                    CheckMetadata(mapping["metadata"], $"{path}.metadata", findings);
                    mapping = new JsonObject(mapping.Where(p => p.Key is not ("apiVersion" or "kind" or "metadata"))
                        .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
                }

                CheckProperties(schema, mapping, path, findings);
                break;
            case JsonArray items when schema["items"] is JsonObject itemSchema:
                for (var i = 0; i < items.Count; i++)
                {
                    Check(itemSchema, items[i], $"{path}[{i}]", findings);
                }

                break;
        }
    }

    private static void CheckProperties(JsonObject schema, JsonObject mapping, string path, List<string> findings, HashSet<string>? presentElsewhere = null)
    {
        var properties = schema["properties"] as JsonObject;
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => (string)r!))
        {
            if (!mapping.ContainsKey(required) && presentElsewhere?.Contains(required) != true)
            {
                findings.Add($"{Join(path, required)}: required field missing");
            }
        }

        foreach (var (key, child) in mapping)
        {
            var childPath = Join(path, key);
            if (properties?[key] is JsonObject propertySchema)
            {
                Check(propertySchema, child, childPath, findings);
            }
            else if (schema["additionalProperties"] is JsonObject valueSchema)
            {
                Check(valueSchema, child, childPath, findings);
            }
            else if (properties is not null || schema["additionalProperties"] is JsonValue)
            {
                // Declared properties and no additionalProperties schema (or additionalProperties: false): unknown.
                findings.Add($"{childPath}: unknown field");
            }
            else if (!IsTrue(schema, "x-kubernetes-preserve-unknown-fields"))
            {
                // An object schema with nothing declared prunes every field it is given.
                findings.Add($"{childPath}: unknown field (the schema declares no fields here)");
            }
        }
    }

    private static void CheckMetadata(JsonNode? metadata, string path, List<string> findings)
    {
        if (metadata is not JsonObject fields)
        {
            findings.Add($"{path}: expected object, found {Describe(metadata)}");
            return;
        }

        foreach (var key in fields.Select(p => p.Key).Where(k => !ObjectMetaFields.Contains(k)))
        {
            findings.Add($"{path}.{key}: unknown field");
        }
    }

    private static bool HasType(JsonNode value, string? type) => type switch
    {
        null => true,
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "boolean" => value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "integer" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && IsInteger(v),
        "number" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
        _ => throw new InvalidOperationException($"unsupported schema type {type}"),
    };

    private static bool IsInteger(JsonValue number) =>
        number.TryGetValue<long>(out _) || number.TryGetValue<int>(out _) || (number.TryGetValue<double>(out var d) && Math.Floor(d) == d);

    private static bool IsTrue(JsonObject schema, string extension) =>
        schema[extension] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => $"boolean {v.ToJsonString()}",
        JsonValue v => $"{v.GetValueKind().ToString().ToLowerInvariant()} {v.ToJsonString()}",
        _ => value.ToJsonString(),
    };

    private static string Join(string path, string key)
    {
        var segment = key.Contains('.', StringComparison.Ordinal) ? $"[\"{key}\"]" : key;
        return path.Length == 0 ? segment : segment.StartsWith('[') ? path + segment : $"{path}.{segment}";
    }
}
