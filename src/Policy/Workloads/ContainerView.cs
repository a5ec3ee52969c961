using k8s.Models;

namespace Shipshape.Policy.Workloads;

/// <summary>
/// The parts of a container the checks read, the same for regular, init and ephemeral containers
/// (KubernetesClient models them as two unrelated classes).
/// </summary>
public sealed record ContainerView(
    ContainerType Type,
    string Name,
    string? Image,
    V1ResourceRequirements? Resources,
    V1SecurityContext? SecurityContext,
    V1Probe? ReadinessProbe,
    string? RestartPolicy)
{
    /// <summary>An init container with <c>restartPolicy: Always</c> is a native sidecar: it runs as long as the pod.</summary>
    public bool IsSidecar => Type == ContainerType.InitContainer && RestartPolicy == "Always";

    public string Describe() => $"{Type.Describe()} \"{Name}\"";

    internal static ContainerView From(V1Container c, ContainerType type) =>
        new(type, c.Name ?? "", c.Image, c.Resources, c.SecurityContext, c.ReadinessProbe, c.RestartPolicy);

    internal static ContainerView From(V1EphemeralContainer c) =>
        new(ContainerType.EphemeralContainer, c.Name ?? "", c.Image, c.Resources, c.SecurityContext, c.ReadinessProbe, c.RestartPolicy);
}
