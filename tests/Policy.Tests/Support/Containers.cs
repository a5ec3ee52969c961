using System.Text.Json.Nodes;
using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Tests.Support;

/// <summary>Containers as JSON: compliant with every default policy unless a test changes them.</summary>
public static class Containers
{
    /// <summary>The name each test gives a container of each type, so messages are predictable.</summary>
    public static string NameOf(ContainerType type) => type switch
    {
        ContainerType.InitContainer => "migrate",
        ContainerType.EphemeralContainer => "debugger",
        _ => "app",
    };

    /// <summary>
    /// A container no default policy objects to: cpu and memory requested, a memory limit, a pinned image,
    /// runAsNonRoot, a readiness probe.
    /// </summary>
    public static JsonObject Compliant(string name = "app", string image = "registry.example/app:1.2") => new()
    {
        ["name"] = name,
        ["image"] = image,
        ["resources"] = new JsonObject
        {
            ["requests"] = Json.Map(("cpu", "100m"), ("memory", "128Mi")),
            ["limits"] = Json.Map(("memory", "256Mi")),
        },
        ["securityContext"] = new JsonObject { ["runAsNonRoot"] = true },
        ["readinessProbe"] = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/ready", ["port"] = 8080 } },
    };

    /// <summary>A compliant container of <paramref name="type"/>, named by <see cref="NameOf"/>.</summary>
    public static JsonObject Compliant(ContainerType type) => Compliant(NameOf(type));

    /// <summary>Replaces the container's requests (no pairs: an empty requests map).</summary>
    public static JsonObject WithRequests(this JsonObject container, params (string Resource, string Quantity)[] requests) =>
        container.Set("resources.requests", Json.Map(requests));
}
