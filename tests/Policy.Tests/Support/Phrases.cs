using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Tests.Support;

/// <summary>How messages name a container, written out here rather than taken from the code under test.</summary>
public static class Phrases
{
    public static string Container(ContainerType type) => type switch
    {
        ContainerType.InitContainer => $"init container \"{Containers.NameOf(type)}\"",
        ContainerType.EphemeralContainer => $"ephemeral container \"{Containers.NameOf(type)}\"",
        _ => $"container \"{Containers.NameOf(type)}\"",
    };
}
