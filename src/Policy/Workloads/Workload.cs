namespace Shipshape.Policy.Workloads;

/// <summary>A pod-carrying object as the policies see it: identity, metadata and its pod spec.</summary>
public sealed record Workload(
    WorkloadKind Kind,
    string Namespace,
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    PodView? Pod,
    string? WorkloadReference)
{
    /// <summary>How messages name the object: <c>Deployment default/web</c>.</summary>
    public string Display => $"{Kind.Kind} {Namespace}/{Name}";

    /// <summary>Whether the pod runs until stopped (a Deployment) rather than to completion (a Job).</summary>
    public bool IsLongRunning => Kind.Kind == "Pod"
        ? (Pod?.RestartPolicy ?? "Always") == "Always"
        : Kind.LongRunning;

    public IReadOnlyList<ContainerView> Containers() => Pod?.Containers ?? [];
}
