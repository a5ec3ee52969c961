using System.Text.Json;
using k8s;
using k8s.Models;

namespace Shipshape.Policy.Workloads;

/// <summary>Reads a pod-carrying object from JSON into a <see cref="Workload"/>.</summary>
public static class WorkloadReader
{
    /// <summary>
    /// Reads <paramref name="obj"/>; returns null when its kind carries no pods (a Service, a ConfigMap).
    /// Throws <see cref="InvalidManifestException"/> when it claims a pod-carrying kind but does not parse as one.
    /// </summary>
    /// <param name="namespaceOverride">The namespace the object is really created in (an admission request's), which wins over metadata.</param>
    /// <param name="defaultNamespace">The namespace assumed when neither the override nor metadata names one.</param>
    /// <param name="strict">
    /// Also check the types of every field of the pod spec, not only of those the policies read (for manifests nothing has
    /// validated yet, as <c>shipshape audit</c> reads them). The webhook reads objects the API server has already validated.
    /// </param>
    public static Workload? Read(JsonElement obj, string? namespaceOverride = null, string defaultNamespace = "default", bool strict = false)
    {
        var identity = ObjectIdentity.Read(obj);
        var kind = WorkloadKind.Find(identity.Group, identity.Kind);
        if (kind is null)
        {
            return null;
        }
        var ns = string.IsNullOrEmpty(namespaceOverride) ? identity.Namespace ?? defaultNamespace : namespaceOverride;
        var name = identity.Name ?? "<unnamed>";
        var display = $"{kind.Kind} {ns}/{name}";
        var metadata = ObjectIdentity.Metadata(obj, display) ?? default;
        var labels = StringMap(metadata, "labels", "metadata", display);
        var annotations = StringMap(metadata, "annotations", "metadata", display);
        if (kind.Kind != "Pod" && TemplateMetadata(obj, kind, display) is { } template)
        {
            // An exemption annotation on the pod template also exempts the workload: that is where it must be for its pods.
            foreach (var (key, value) in StringMap(template, "annotations", kind.TemplateMetadataPathText, display))
            {
                annotations.TryAdd(key, value);
            }
        }

        var specElement = Navigate(obj, kind.PodSpecPath, display);
        if (specElement is null)
        {
            if (kind.Kind == "Rollout" && WorkloadRef(obj) is { } reference)
            {
                return new Workload(kind, ns, name, labels, annotations, Pod: null, reference);
            }
            throw new InvalidManifestException($"{display}: {kind.PodSpecPathText} is missing");
        }
        // First what the policies read (a bad quantity is named with its path there), then, when strict, every other field.
        var pod = PodSpecReader.Read(specElement.Value, kind.PodSpecPathText, display);
        if (strict)
        {
            CheckWholePodSpec(specElement.Value, kind, display);
        }
        return new Workload(kind, ns, name, labels, annotations, pod, WorkloadReference: null);
    }

    private static void CheckWholePodSpec(JsonElement spec, WorkloadKind kind, string display)
    {
        try
        {
            _ = KubernetesJson.Deserialize<V1PodSpec>(spec);
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 1 } p ? kind.PodSpecPathText + p[1..] : kind.PodSpecPathText;
            var problem = JsonTypeProblem.Describe(e, spec) ?? $"does not parse: {FirstSentence(e.Message)}";
            throw new InvalidManifestException($"{display}: {path} {problem}", e);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException or ArgumentException or NotSupportedException)
        {
            // KubernetesClient's converters say what is wrong but not where (containers' quantities were located above).
            throw new InvalidManifestException($"{display}: {kind.PodSpecPathText} does not parse: {e.Message}", e);
        }
    }

    private static JsonElement? TemplateMetadata(JsonElement obj, WorkloadKind kind, string display)
    {
        var path = kind.PodSpecPath[..^1];
        var template = Navigate(obj, path, display);
        return template is { } t ? ObjectIdentity.Metadata(t, display) : null;
    }

    private static JsonElement? Navigate(JsonElement obj, string[] path, string display)
    {
        var current = obj;
        var walked = new List<string>();
        foreach (var field in path)
        {
            walked.Add(field);
            if (!current.TryGetProperty(field, out var next) || next.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (next.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidManifestException($"{display}: {string.Join('.', walked)} must be an object, found {ObjectIdentity.Describe(next.ValueKind)}");
            }
            current = next;
        }
        return current;
    }

    private static string? WorkloadRef(JsonElement obj)
    {
        if (obj.TryGetProperty("spec", out var spec) && spec.ValueKind == JsonValueKind.Object
            && spec.TryGetProperty("workloadRef", out var reference) && reference.ValueKind == JsonValueKind.Object)
        {
            var kind = ObjectIdentity.StringField(reference, "kind", "spec.workloadRef.kind", "Rollout") ?? "object";
            var name = ObjectIdentity.StringField(reference, "name", "spec.workloadRef.name", "Rollout") ?? "<unnamed>";
            return $"{kind} {name}";
        }
        return null;
    }

    private static Dictionary<string, string> StringMap(JsonElement metadata, string field, string metadataPath, string display)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return map;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidManifestException($"{display}: {metadataPath}.{field} must be an object, found {ObjectIdentity.Describe(element.ValueKind)}");
        }
        foreach (var entry in element.EnumerateObject())
        {
            map[entry.Name] = entry.Value.ValueKind == JsonValueKind.String
                ? entry.Value.GetString()!
                : throw new InvalidManifestException($"{display}: {metadataPath}.{field}.{entry.Name} must be a string, found {ObjectIdentity.Describe(entry.Value.ValueKind)}");
        }
        return map;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
