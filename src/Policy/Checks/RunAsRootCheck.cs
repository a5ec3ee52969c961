using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Checks;

/// <summary>
/// No container runs as root: its effective <c>runAsUser</c> (container, else pod) is not 0, and unless it names
/// a non-zero user, <c>runAsNonRoot: true</c> makes the kubelet refuse an image that would start as root.
/// </summary>
public sealed class RunAsRootCheck : ICheck
{
    public string Name => "runAsNonRoot";

    public IReadOnlyList<ContainerType> DefaultContainerTypes { get; } =
        [ContainerType.Container, ContainerType.InitContainer, ContainerType.EphemeralContainer];

    public IEnumerable<string> Findings(Workload workload, ContainerView container)
    {
        var pod = workload.Pod?.SecurityContext;
        var user = container.SecurityContext?.RunAsUser ?? pod?.RunAsUser;
        var nonRoot = container.SecurityContext?.RunAsNonRoot ?? pod?.RunAsNonRoot;
        if (user == 0)
        {
            yield return "runs as root (runAsUser: 0)";
        }
        else if (user is null && nonRoot != true)
        {
            yield return "may run as root (set runAsNonRoot: true or a non-zero runAsUser)";
        }
    }
}
