using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Checks;

/// <summary>Each container sets a memory limit, so one leak cannot take the node's memory.</summary>
public sealed class MemoryLimitCheck : ICheck
{
    public string Name => "memoryLimit";

    public IReadOnlyList<ContainerType> DefaultContainerTypes { get; } = [ContainerType.Container, ContainerType.InitContainer];

    public IEnumerable<string> Findings(Workload workload, ContainerView container)
    {
        if (container.Resources?.Limits is not { } limits || !limits.TryGetValue("memory", out var memory) || memory is null)
        {
            yield return "has no memory limit";
        }
    }
}
