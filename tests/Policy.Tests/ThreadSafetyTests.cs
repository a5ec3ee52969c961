using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shipshape.Policy.Decisions;
using Shipshape.Policy.Policies;
using Shipshape.Policy.Tests.Support;
using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Tests;

/// <summary>The engine claims thread safety: one engine, many objects at once, the same decisions as one at a time.</summary>
public sealed class ThreadSafetyTests
{
    [Fact]
    public void ParallelDecisionsEqualSequentialOnes()
    {
        var objects = Mixture().ToArray();
        var engine = new PolicyEngine(PolicySet.Default);

        var sequential = objects.Select(o => Describe(engine, o)).ToArray();
        var parallel = new ConcurrentDictionary<int, string>();
        Parallel.For(0, objects.Length * 8, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(4, Environment.ProcessorCount) }, i =>
        {
            var index = i % objects.Length;
            var decision = Describe(engine, objects[index]);
            parallel.AddOrUpdate(index, decision, (_, previous) => previous == decision ? previous : $"DIFFERENT: {previous} | {decision}");
        });

        Assert.Equal(sequential, Enumerable.Range(0, objects.Length).Select(i => parallel[i]));
        Assert.Contains(sequential, d => d.Contains("allowed=False", StringComparison.Ordinal));
        Assert.Contains(sequential, d => d.Contains("exempt", StringComparison.Ordinal));
        Assert.Contains(sequential, d => d.Contains("InvalidManifestException", StringComparison.Ordinal));
    }

    /// <summary>Every kind, each container type, with and without violations, exemptions, notes and errors.</summary>
    private static IEnumerable<JsonElement> Mixture()
    {
        var n = 0;
        foreach (var kind in Objects.Kinds)
        {
            foreach (var type in Enum.GetValues<ContainerType>())
            {
                JsonObject Offending() => Containers.Compliant(type).WithRequests(("cpu", "100m")).Set("image", "nginx");
                yield return Objects.Workload(kind.Kind, PodSpecs.WithOne(type, Offending()), $"web-{n++}", $"ns-{n % 3}").Parse();
                yield return Objects.Workload(kind.Kind, PodSpecs.WithOne(type, Containers.Compliant(type)), $"web-{n++}").Parse();
                yield return Objects.Workload(kind.Kind, PodSpecs.WithOne(type, Offending()), $"web-{n++}")
                    .Annotate(PolicySet.ExemptAnnotation, "resource-requests,unknown").Parse();
            }
            yield return Objects.Bare(kind.ApiVersion, kind.Kind, $"web-{n++}").Set("spec.replicas", 1).Parse();
        }
        yield return Objects.Bare("argoproj.io/v1alpha1", "Rollout").Set("spec.workloadRef", new JsonObject { ["kind"] = "Deployment", ["name"] = "base" }).Parse();
        yield return Objects.Bare("v1", "Service").Parse();
    }

    private static string Describe(PolicyEngine engine, JsonElement obj)
    {
        Decision? decision;
        try
        {
            decision = engine.Evaluate(obj);
        }
        catch (InvalidManifestException e)
        {
            return $"{nameof(InvalidManifestException)}: {e.Message}";
        }
        return decision is null
            ? "null"
            : string.Join(" / ", [
                decision.Subject,
                $"allowed={decision.Allowed}",
                .. decision.Violations.Select(v => $"{v.PolicyId} {v.Severity} {v.Action} {v.Message}"),
                .. decision.Exemptions.Select(e => $"exempt {e.PolicyId}: {e.Reason}"),
                .. decision.Notes,
            ]);
    }
}
