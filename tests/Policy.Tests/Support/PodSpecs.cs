using System.Text.Json.Nodes;
using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Tests.Support;

/// <summary>Pod specs as JSON.</summary>
public static class PodSpecs
{
    /// <summary>A pod spec with one compliant container "app".</summary>
    public static JsonObject Compliant() => With(Containers.Compliant());

    /// <summary>A pod spec with these regular containers.</summary>
    public static JsonObject With(params JsonObject[] containers) => new() { ["containers"] = List(containers) };

    /// <summary>
    /// A pod spec with a compliant container "app", plus <paramref name="container"/> in the list for
    /// <paramref name="type"/> (replacing "app" when the type is a regular container).
    /// </summary>
    public static JsonObject WithOne(ContainerType type, JsonObject container)
    {
        var spec = type == ContainerType.Container ? With(container) : Compliant();
        if (type != ContainerType.Container)
        {
            spec[type.FieldName()] = List(container);
        }
        return spec;
    }

    private static JsonArray List(params JsonObject[] items) => [.. items];
}
