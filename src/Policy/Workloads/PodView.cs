using k8s.Models;

namespace Shipshape.Policy.Workloads;

/// <summary>The parts of a pod spec the checks read: restart policy, pod security context and every container, in spec order.</summary>
public sealed record PodView(string? RestartPolicy, V1PodSecurityContext? SecurityContext, IReadOnlyList<ContainerView> Containers);
