using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Checks;

/// <summary>Containers of long-running workloads have a readiness probe, so traffic waits until they can serve.</summary>
public sealed class ReadinessProbeCheck : ICheck
{
    public string Name => "readinessProbe";

    public IReadOnlyList<ContainerType> DefaultContainerTypes { get; } = [ContainerType.Container];

    public IEnumerable<string> Findings(Workload workload, ContainerView container)
    {
        // Only containers that run as long as the pod may have a readiness probe: regular ones and native sidecars.
        var mayHaveProbe = container.Type == ContainerType.Container || container.IsSidecar;
        if (workload.IsLongRunning && mayHaveProbe && container.ReadinessProbe is null)
        {
            yield return "has no readiness probe";
        }
    }
}
