using System.Text.Json;
using Shipshape.Policy.Decisions;
using Shipshape.Policy.Policies;
using Shipshape.Policy.Workloads;

namespace Shipshape.Policy;

/// <summary>
/// Judges pod-carrying objects against a <see cref="PolicySet"/>. The admission webhook and <c>shipshape audit</c>
/// both call this, so a manifest gets the same verdict in the pipeline as at the API server. Thread-safe.
/// </summary>
public sealed class PolicyEngine(PolicySet policies)
{
    public PolicySet Policies { get; } = policies;

    /// <summary>Reads and judges a JSON object; null when its kind carries no pods.</summary>
    /// <param name="strict">Check the type of every pod spec field, not only those policies read (see <see cref="WorkloadReader.Read"/>).</param>
    /// <exception cref="InvalidManifestException">The object claims a pod-carrying kind but does not parse as one.</exception>
    public Decision? Evaluate(JsonElement obj, string? namespaceOverride = null, bool strict = false) =>
        WorkloadReader.Read(obj, namespaceOverride, strict: strict) is { } workload ? Evaluate(workload) : null;

    public Decision Evaluate(Workload workload)
    {
        var violations = new List<Violation>();
        var exemptions = new List<Exemption>();
        var notes = new List<string>();
        var annotated = AnnotatedExemptions(workload);

        if (workload.WorkloadReference is { } reference)
        {
            notes.Add($"{workload.Display}: spec.workloadRef points to {reference}; its pod template is judged when that object is admitted");
        }
        foreach (var id in annotated.Where(id => Policies.Policies.All(p => p.Id != id)))
        {
            notes.Add($"{workload.Display}: annotation {PolicySet.ExemptAnnotation} names unknown policy \"{id}\"");
        }

        foreach (var policy in Policies.Policies)
        {
            if (!policy.Kinds.Contains(workload.Kind.Kind) || !policy.Namespaces.Any(g => g.IsMatch(workload.Namespace)))
            {
                continue;
            }
            if (policy.Exclude.Reason(workload) is { } reason)
            {
                exemptions.Add(new Exemption(policy.Id, reason));
                continue;
            }
            if (annotated.Contains(policy.Id))
            {
                if (policy.AnnotationExemption)
                {
                    exemptions.Add(new Exemption(policy.Id, $"annotation {PolicySet.ExemptAnnotation}"));
                    continue;
                }
                notes.Add($"{workload.Display}: policy \"{policy.Id}\" cannot be exempted by annotation");
            }
            foreach (var container in workload.Containers().Where(c => policy.ContainerTypes.Contains(c.Type)))
            {
                foreach (var finding in policy.Check.Findings(workload, container))
                {
                    violations.Add(new Violation(policy.Id, policy.Severity, policy.Action, container.Name,
                        $"{workload.Display}: {container.Describe()} {finding}"));
                }
            }
        }
        return Decision.For(workload, violations, exemptions, notes);
    }

    private static HashSet<string> AnnotatedExemptions(Workload workload) =>
        workload.Annotations.TryGetValue(PolicySet.ExemptAnnotation, out var value)
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)
            : [];
}
