using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>The steps run in dependency order: a kind of a CRD is used only after the step that installs it.</summary>
[Collection(PlatformRenderingGroup.Name)]
public sealed partial class StepOrderTests(PlatformRendering rendering)
{
    /// <summary>API group → the step whose chart installs its CRDs.</summary>
    private static readonly Dictionary<string, string> CrdProviders = new(StringComparer.Ordinal)
    {
        ["cert-manager.io"] = "cert-manager",
        ["monitoring.coreos.com"] = "prometheus-operator-crds",
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
            foreach (var group in Needs(step))
            {
                if (!CrdProviders.TryGetValue(group, out var provider))
                {
                    problems.Add($"{step.Id} uses {group}, which no step is known to install (add it to {nameof(CrdProviders)})");
                    continue;
                }

                var at = rendering.Steps.ToList().FindIndex(s => s.Name == provider);
                if (at < 0 || at > index || (at == index && step.Name != provider))
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

        Assert.Contains("monitoring.coreos.com", Needs(certManager));
    }

    /// <summary>The API groups of the step's manifests, and the Prometheus Operator's when its values switch monitors on.</summary>
    private static IEnumerable<string> Needs(RenderedStep step)
    {
        var groups = step.Manifests.Select(m => (string)m["apiVersion"]!).Where(v => v.Contains('/'))
            .Select(v => v[..v.IndexOf('/')]).Where(g => g.Contains('.') && !g.EndsWith(".k8s.io", StringComparison.Ordinal));
        var monitors = step.Values is { } values
            && ValueKeyPaths.Of(step.ValuesYaml).Any(p => MonitorSwitch().IsMatch(p) && SwitchedOn(values, p));
        return groups.Concat(monitors ? ["monitoring.coreos.com"] : []).Distinct();
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
