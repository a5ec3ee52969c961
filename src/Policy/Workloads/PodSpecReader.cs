using System.Text.Json;
using k8s.Models;

namespace Shipshape.Policy.Workloads;

/// <summary>
/// Reads only what the checks need from a pod spec, straight from the JSON, into KubernetesClient's models:
/// names, images, restart policies, requests and limits (as <see cref="ResourceQuantity"/>), security contexts and
/// whether a readiness probe is set. A wrong type in any of these is refused with its path, in manifest terms.
/// Deserialising the whole <see cref="V1PodSpec"/> costs about four times as much per review; strict reading does that too.
/// </summary>
internal static class PodSpecReader
{
    public static PodView Read(JsonElement spec, string path, string display)
    {
        var reader = new Reader(path, display);
        var containers = new List<ContainerView>();
        reader.Containers(spec, "initContainers", ContainerType.InitContainer, containers);
        reader.Containers(spec, "containers", ContainerType.Container, containers);
        reader.Containers(spec, "ephemeralContainers", ContainerType.EphemeralContainer, containers);
        V1PodSecurityContext? security = null;
        if (reader.Object(spec, "securityContext", "securityContext") is { } context)
        {
            security = new V1PodSecurityContext
            {
                RunAsUser = reader.Long(context, "runAsUser", "securityContext.runAsUser"),
                RunAsNonRoot = reader.Bool(context, "runAsNonRoot", "securityContext.runAsNonRoot"),
            };
        }
        return new PodView(reader.String(spec, "restartPolicy", "restartPolicy"), security, containers);
    }

    private readonly struct Reader(string path, string display)
    {
        public void Containers(JsonElement spec, string field, ContainerType type, List<ContainerView> into)
        {
            if (!spec.TryGetProperty(field, out var list) || list.ValueKind == JsonValueKind.Null)
            {
                return;
            }
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw Wrong(field, "a list", list);
            }
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var at = $"{field}[{index++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw item.ValueKind == JsonValueKind.Null
                        ? new InvalidManifestException($"{display}: {path}.{at} is null, not a container")
                        : Wrong(at, "an object", item);
                }
                into.Add(Container(item, type, at));
            }
        }

        private ContainerView Container(JsonElement c, ContainerType type, string at)
        {
            V1ResourceRequirements? resources = null;
            if (Object(c, "resources", $"{at}.resources") is { } r)
            {
                resources = new V1ResourceRequirements
                {
                    Requests = Quantities(r, "requests", $"{at}.resources.requests"),
                    Limits = Quantities(r, "limits", $"{at}.resources.limits"),
                };
            }
            V1SecurityContext? security = null;
            if (Object(c, "securityContext", $"{at}.securityContext") is { } s)
            {
                security = new V1SecurityContext
                {
                    Privileged = Bool(s, "privileged", $"{at}.securityContext.privileged"),
                    RunAsUser = Long(s, "runAsUser", $"{at}.securityContext.runAsUser"),
                    RunAsNonRoot = Bool(s, "runAsNonRoot", $"{at}.securityContext.runAsNonRoot"),
                };
            }
            // The checks only ask whether a readiness probe is there; what it probes is the kubelet's business.
            var probe = Object(c, "readinessProbe", $"{at}.readinessProbe") is null ? null : new V1Probe();
            return new ContainerView(type, String(c, "name", $"{at}.name") ?? "", String(c, "image", $"{at}.image"),
                resources, security, probe, String(c, "restartPolicy", $"{at}.restartPolicy"));
        }

        private Dictionary<string, ResourceQuantity>? Quantities(JsonElement resources, string field, string at)
        {
            if (Field(resources, field) is not { } map)
            {
                return null;
            }
            if (map.ValueKind != JsonValueKind.Object)
            {
                throw Wrong(at, "a map", map);
            }
            var quantities = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
            foreach (var entry in map.EnumerateObject().Where(e => e.Value.ValueKind != JsonValueKind.Null))
            {
                var text = entry.Value.ValueKind switch
                {
                    JsonValueKind.String => entry.Value.GetString()!,
                    JsonValueKind.Number => entry.Value.GetRawText(),
                    _ => throw Wrong($"{at}.{entry.Name}", "a quantity", entry.Value),
                };
                try
                {
                    quantities[entry.Name] = new ResourceQuantity(text);
                }
                catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidOperationException)
                {
                    throw new InvalidManifestException($"{display}: {path}.{at}.{entry.Name} \"{text}\" is not a quantity: {e.Message}", e);
                }
            }
            return quantities;
        }

        public JsonElement? Object(JsonElement parent, string field, string at) =>
            Field(parent, field) is { } value
                ? value.ValueKind == JsonValueKind.Object ? value : throw Wrong(at, "an object", value)
                : null;

        public string? String(JsonElement parent, string field, string at) =>
            Field(parent, field) is { } value
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw Wrong(at, "a string", value)
                : null;

        public bool? Bool(JsonElement parent, string field, string at) =>
            Field(parent, field) is { } value
                ? value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw Wrong(at, "a boolean", value),
                }
                : null;

        public long? Long(JsonElement parent, string field, string at) =>
            Field(parent, field) is { } value
                ? value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : throw Wrong(at, "a number", value)
                : null;

        private static JsonElement? Field(JsonElement parent, string field) =>
            parent.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        private InvalidManifestException Wrong(string at, string expected, JsonElement found) =>
            new($"{display}: {path}.{at} must be {expected}, found {ObjectIdentity.Describe(found.ValueKind)}");
    }
}
