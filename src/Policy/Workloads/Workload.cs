using k8s.Models;

namespace Shipshape.Policy.Workloads;

/// <summary>A pod-carrying object as the policies see it: identity, metadata and its pod spec.</summary>
public sealed record Workload(
    WorkloadKind Kind,
    string Namespace,
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    V1PodSpec? PodSpec,
    string? WorkloadReference)
{
    /// <summary>How messages name the object: <c>Deployment default/web</c>.</summary>
    public string Display => $"{Kind.Kind} {Namespace}/{Name}";

    /// <summary>Whether the pod runs until stopped (a Deployment) rather than to completion (a Job).</summary>
    public bool IsLongRunning => Kind.Kind == "Pod"
        ? (PodSpec?.RestartPolicy ?? "Always") == "Always"
        : Kind.LongRunning;

    public IEnumerable<ContainerView> Containers()
    {
        if (PodSpec is null)
        {
            yield break;
        }
        foreach (var c in PodSpec.InitContainers ?? [])
        {
            yield return ContainerView.From(c, ContainerType.InitContainer);
        }
        foreach (var c in PodSpec.Containers ?? [])
        {
            yield return ContainerView.From(c, ContainerType.Container);
        }
        foreach (var c in PodSpec.EphemeralContainers ?? [])
        {
            yield return ContainerView.From(c);
        }
    }
}
