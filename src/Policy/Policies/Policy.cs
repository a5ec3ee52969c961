using Shipshape.Policy.Checks;
using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Policies;

/// <summary>One validated policy: what it checks, where, what a violation does, and who is exempt.</summary>
public sealed record Policy(
    string Id,
    string Description,
    Severity Severity,
    PolicyAction Action,
    ICheck Check,
    IReadOnlyList<ContainerType> ContainerTypes,
    IReadOnlySet<string> Kinds,
    IReadOnlyList<Glob> Namespaces,
    Exclusions Exclude,
    bool AnnotationExemption);

/// <summary>Objects a policy leaves alone: by namespace, by name pattern, or by carrying all of some labels.</summary>
public sealed record Exclusions(
    IReadOnlyList<Glob> Namespaces,
    IReadOnlyList<Glob> Names,
    IReadOnlyDictionary<string, string> Labels)
{
    public static readonly Exclusions None = new([], [], new Dictionary<string, string>());

    /// <summary>Why <paramref name="workload"/> is excluded, or null when it is not.</summary>
    public string? Reason(Workload workload)
    {
        if (Namespaces.FirstOrDefault(g => g.IsMatch(workload.Namespace)) is { } ns)
        {
            return $"namespace {workload.Namespace} is excluded ({ns})";
        }
        if (Names.FirstOrDefault(g => g.IsMatch(workload.Name)) is { } name)
        {
            return $"name {workload.Name} is excluded ({name})";
        }
        if (Labels.Count > 0 && Labels.All(l => workload.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
        {
            return "labels " + string.Join(", ", Labels.Select(l => $"{l.Key}={l.Value}")) + " are excluded";
        }
        return null;
    }
}
