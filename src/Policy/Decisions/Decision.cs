using Shipshape.Policy.Policies;
using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Decisions;

/// <summary>A policy broken by one container, with the sentence that names both.</summary>
public sealed record Violation(string PolicyId, Severity Severity, PolicyAction Action, string Container, string Message);

/// <summary>A policy that was not applied to an object, and why.</summary>
public sealed record Exemption(string PolicyId, string Reason);

/// <summary>The verdict on one object: every violation, every exemption applied, and notes (e.g. a Rollout's workloadRef).</summary>
public sealed record Decision(
    string Subject,
    string Kind,
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<Exemption> Exemptions,
    IReadOnlyList<string> Notes)
{
    public bool Allowed => !Violations.Any(v => v.Action == PolicyAction.Deny);

    public IEnumerable<Violation> Denials => Violations.Where(v => v.Action == PolicyAction.Deny);

    public IEnumerable<Violation> Warnings => Violations.Where(v => v.Action == PolicyAction.Warn);

    internal static Decision For(Workload workload, IReadOnlyList<Violation> violations, IReadOnlyList<Exemption> exemptions, IReadOnlyList<string> notes) =>
        new(workload.Display, workload.Kind.Kind, violations, exemptions, notes);
}
