using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Checks;

/// <summary>No container runs privileged (all devices and capabilities of the host).</summary>
public sealed class PrivilegedCheck : ICheck
{
    public string Name => "privileged";

    public IReadOnlyList<ContainerType> DefaultContainerTypes { get; } =
        [ContainerType.Container, ContainerType.InitContainer, ContainerType.EphemeralContainer];

    public IEnumerable<string> Findings(Workload workload, ContainerView container)
    {
        if (container.SecurityContext?.Privileged == true)
        {
            yield return "runs privileged";
        }
    }
}
