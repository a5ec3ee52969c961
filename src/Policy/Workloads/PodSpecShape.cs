using System.Text.Json;
using k8s.Models;

namespace Shipshape.Policy.Workloads;

/// <summary>What a pod spec must look like beyond parsing, and where a bad quantity hides in one.</summary>
internal static class PodSpecShape
{
    private static readonly string[] ContainerLists = ["initContainers", "containers", "ephemeralContainers"];

    /// <summary>Refuses holes in the container lists (<c>containers: [null]</c>), which parse but name no container.</summary>
    public static void Check(V1PodSpec spec, string path, string display)
    {
        Holes(spec.InitContainers, $"{path}.initContainers", display);
        Holes(spec.Containers, $"{path}.containers", display);
        Holes(spec.EphemeralContainers, $"{path}.ephemeralContainers", display);
    }

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

    private static void Holes<T>(IList<T>? items, string path, string display)
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (items![i] is null)
            {
                throw new InvalidManifestException($"{display}: {path}[{i}] is null, not a container");
            }
        }
    }
}
