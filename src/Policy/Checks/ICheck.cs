using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Checks;

/// <summary>
/// One rule about a container. A finding completes the sentence "Deployment default/web: init container "migrate" …",
/// e.g. "has no memory request".
/// </summary>
public interface ICheck
{
    /// <summary>The name policies files use in <c>check:</c>.</summary>
    string Name { get; }

    /// <summary>The container types judged when a policy does not list its own.</summary>
    IReadOnlyList<ContainerType> DefaultContainerTypes { get; }

    IEnumerable<string> Findings(Workload workload, ContainerView container);
}
