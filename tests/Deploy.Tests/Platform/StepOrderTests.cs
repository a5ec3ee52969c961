using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>The steps run in dependency order: a kind of a CRD is used only after the step that installs it.</summary>
[Collection(PlatformRenderingGroup.Name)]
public sealed partial class StepOrderTests(PlatformRendering rendering)
{
    /// <summary>API group (or group/Kind where one group spans charts) → the step whose chart installs its CRDs.</summary>
    private static readonly Dictionary<string, string> CrdProviders = new(StringComparer.Ordinal)
    {
        ["cert-manager.io"] = "cert-manager",
        ["monitoring.coreos.com"] = "prometheus-operator-crds",
        ["networking.istio.io"] = "istio-base",
        ["security.istio.io"] = "istio-base",
        ["telemetry.istio.io"] = "istio-base",
        ["argoproj.io/Rollout"] = "argo-rollouts",
        ["argoproj.io/AnalysisTemplate"] = "argo-rollouts",
        ["argoproj.io/Application"] = "argocd",
        ["argoproj.io/AppProject"] = "argocd",
        ["keda.sh"] = "keda",
        ["karpenter.sh"] = "karpenter-crd",
        ["karpenter.k8s.aws"] = "karpenter-crd",
        ["elasticsearch.k8s.elastic.co"] = "eck-operator",
        ["kibana.k8s.elastic.co"] = "eck-operator",
    };

    [Fact]
    public void EveryReleaseFileIsAStepInFileNameOrderWithAUniqueName()
    {
        var ids = PlatformFiles.ReleaseFiles().Select(Path.GetFileNameWithoutExtension).ToList();

        Assert.Equal(ids, rendering.Steps.Select(s => s.Id));
        Assert.All(ids, id => Assert.Matches("^[0-9]{2}-[a-z0-9-]+$", id!));
        Assert.Equal(rendering.Steps.Count, rendering.Steps.Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void EveryCustomKindIsUsedOnlyAfterTheStepThatInstallsItsCrds()
    {
        var problems = new List<string>();
        foreach (var (step, index) in rendering.Steps.Select((s, i) => (s, i)))
        {
            foreach (var (group, afterChart) in Needs(step))
            {
                if (!CrdProviders.TryGetValue(group, out var provider))
                {
                    problems.Add($"{step.Id} uses {group}, which no step is known to install (add it to {nameof(CrdProviders)})");
                    continue;
                }

                var at = rendering.Steps.ToList().FindIndex(s => s.Name == provider);
                if (at < 0 || at > index || (at == index && !afterChart))
                {
                    problems.Add($"{step.Id} uses {group} before step {provider} installs it");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void AChartThatCreatesServiceMonitorsComesAfterTheirCrds()
    {
        var certManager = rendering.Step("cert-manager");

        Assert.Contains(("monitoring.coreos.com", false), Needs(certManager));
    }

    /// <summary>
    /// The API groups the step uses, and whether only after its own chart: its manifests' groups, and the Prometheus
    /// Operator's when its values switch monitors on (the chart creates them).
    /// </summary>
    private static IEnumerable<(string Group, bool AfterChart)> Needs(RenderedStep step)
    {
        var before = step.ManifestsBefore.Select(m => (Group: CrdGroup(m), AfterChart: false));
        var after = step.ManifestsAfter.Select(m => (Group: CrdGroup(m), AfterChart: true));
        var monitors = step.Values is { } values
            && ValueKeyPaths.Of(step.ValuesYaml).Any(p => MonitorSwitch().IsMatch(p) && SwitchedOn(values, p));
        return before.Concat(after).Where(n => n.Group is not null).Select(n => (n.Group!, n.AfterChart))
            .Concat(monitors ? [("monitoring.coreos.com", false)] : []).Distinct();
    }

    /// <summary>The CRD group of an object (group/Kind where one group spans charts), or null for a built-in kind.</summary>
    private static string? CrdGroup(JsonObject manifest)
    {
        var group = ((string)manifest["apiVersion"]!).Split('/')[0];
        var kind = (string)manifest["kind"]!;
        return !group.Contains('.') || group.EndsWith(".k8s.io", StringComparison.Ordinal) ? null
            : CrdProviders.ContainsKey($"{group}/{kind}") ? $"{group}/{kind}" : group;
    }

    private static bool SwitchedOn(JsonObject values, string path)
    {
        JsonNode? node = values;
        foreach (var key in path.Split('.'))
        {
            node = node is JsonObject map ? map[key] : null;
        }

        return node is JsonValue value && value.TryGetValue(out bool on) && on;
    }

    [GeneratedRegex(@"(?i)^[A-Za-z0-9_.-]*(servicemonitor|podmonitor|prometheusrule)s?(\.[A-Za-z]+)?\.(enabled|create)$")]
    private static partial Regex MonitorSwitch();
}
