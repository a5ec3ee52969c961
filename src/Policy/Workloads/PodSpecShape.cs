using System.Text.Json;
using k8s.Models;

namespace Shipshape.Policy.Workloads;

/// <summary>Where a bad quantity hides in a pod spec (KubernetesClient's converter says what is wrong, not where).</summary>
internal static class PodSpecShape
{
    private static readonly string[] ContainerLists = ["initContainers", "containers", "ephemeralContainers"];

    /// <summary>The path and value of the first resource quantity that does not parse, e.g. <c>containers[1].resources.requests.cpu "abc"</c>.</summary>
    public static string? FindInvalidQuantity(JsonElement spec)
    {
        foreach (var list in ContainerLists)
        {
            if (!spec.TryGetProperty(list, out var containers) || containers.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            var index = 0;
            foreach (var container in containers.EnumerateArray())
            {
                if (container.ValueKind == JsonValueKind.Object && container.TryGetProperty("resources", out var resources)
                    && resources.ValueKind == JsonValueKind.Object
                    && (Invalid(resources, "requests") ?? Invalid(resources, "limits")) is { } bad)
                {
                    return $"{list}[{index}].resources.{bad}";
                }
                index++;
            }
        }
        return spec.TryGetProperty("overhead", out var overhead) && overhead.ValueKind == JsonValueKind.Object && Invalid(spec, "overhead") is { } o ? o : null;
    }

    private static string? Invalid(JsonElement parent, string field)
    {
        if (!parent.TryGetProperty(field, out var map) || map.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var entry in map.EnumerateObject())
        {
            var text = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : entry.Value.GetRawText();
            try
            {
                _ = new ResourceQuantity(text);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidOperationException)
            {
                return $"{field}.{entry.Name} \"{text}\" is not a quantity:";
            }
        }
        return null;
    }
}
