using Shipshape.Policy.Policies;

namespace Shipshape.Policy.Checks;

/// <summary>The checks a policies file can name, and the parameters each takes.</summary>
internal static class CheckCatalog
{
    public static readonly string[] Names = ["resourceRequests", "memoryLimit", "imageTag", "privileged", "runAsNonRoot", "readinessProbe"];

    public static ICheck Create(string? name, CheckParameters? parameters, string where)
    {
        if (name != "resourceRequests" && parameters?.Resources is not null)
        {
            throw new PolicyFileException($"{where}: parameters.resources only applies to the resourceRequests check");
        }
        return name switch
        {
            "resourceRequests" => new ResourceRequestsCheck(Resources(parameters, where)),
            "memoryLimit" => new MemoryLimitCheck(),
            "imageTag" => new ImageTagCheck(),
            "privileged" => new PrivilegedCheck(),
            "runAsNonRoot" => new RunAsRootCheck(),
            "readinessProbe" => new ReadinessProbeCheck(),
            null => throw new PolicyFileException($"{where}: check is missing (one of {string.Join(", ", Names)})"),
            _ => throw new PolicyFileException($"{where}: unknown check \"{name}\" (one of {string.Join(", ", Names)})"),
        };
    }

    private static string[] Resources(CheckParameters? parameters, string where)
    {
        var resources = parameters?.Resources ?? ["cpu", "memory"];
        if (resources.Count == 0 || resources.Any(string.IsNullOrWhiteSpace))
        {
            throw new PolicyFileException($"{where}: parameters.resources must list at least one resource name");
        }
        return [.. resources.Distinct(StringComparer.Ordinal)];
    }
}
