using System.Text.Json.Nodes;
using Shipshape.Policy.Decisions;
using Shipshape.Policy.Policies;

namespace Shipshape.Policy.Tests.Support;

/// <summary>Evaluates manifests, with the default policies unless a test brings its own.</summary>
public static class Engines
{
    public static readonly PolicyEngine Default = new(PolicySet.Default);

    public static Decision? Evaluate(JsonObject manifest, string? namespaceOverride = null) =>
        Default.Evaluate(manifest.Parse(), namespaceOverride);

    /// <summary>The decision, which must exist (the object is pod-carrying).</summary>
    public static Decision Decide(JsonObject manifest, string? namespaceOverride = null) =>
        Evaluate(manifest, namespaceOverride) ?? throw new InvalidOperationException("expected a decision, the engine returned null");

    public static Decision Decide(this PolicyEngine engine, JsonObject manifest, string? namespaceOverride = null) =>
        engine.Evaluate(manifest.Parse(), namespaceOverride) ?? throw new InvalidOperationException("expected a decision, the engine returned null");

    /// <summary>An engine over policies parsed from YAML text.</summary>
    public static PolicyEngine From(string yaml) => new(PolicySet.Parse(yaml, "test.yaml"));

    /// <summary>The messages of the violations of one policy, in order.</summary>
    public static string[] Messages(this Decision decision, string policyId) =>
        [.. decision.Violations.Where(v => v.PolicyId == policyId).Select(v => v.Message)];
}
