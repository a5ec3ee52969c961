using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Echo;

/// <summary>deploy/platform/argo/echo-application.yaml: the Argo CD Application that deploys the echo chart from git.</summary>
public sealed class ArgoCdApplicationTests
{
    private static readonly string File = Path.Combine(Tools.RepositoryRoot, "deploy", "platform", "argo", "echo-application.yaml");

    private static JsonObject Application => KubeObjects.Parse(System.IO.File.ReadAllText(File)).One("Application");

    private static JsonNode Spec => Application["spec"]!;

    [Fact]
    public void ApplicationPassesTheStrictSchemaCheck()
    {
        var check = Tools.RunScript("check-schemas.mjs", [File]);

        Assert.True(check.ExitCode == 0, check.Describe());
        Assert.Contains("check-schemas: 1 objects typed, 0 errors, 0 warnings", check.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void SourceIsTheEchoChartAndItsValueFilesExist()
    {
        var source = Spec["source"]!;
        var chart = Path.Combine(Tools.RepositoryRoot, (string)source["path"]!);

        Assert.Equal(EchoChart.Chart.Directory, Path.GetFullPath(chart));
        Assert.True(System.IO.File.Exists(Path.Combine(chart, "Chart.yaml")), $"{chart} is not a chart");
        Assert.NotEmpty(source["helm"]!["valueFiles"].Strings());
        Assert.All(source["helm"]!["valueFiles"].Strings(), f => Assert.True(System.IO.File.Exists(Path.Combine(chart, f)), $"value file {f} missing"));
    }

    [Fact]
    public void SyncIsAutomatedWithPruneSelfHealAndCreatesTheNamespace()
    {
        var sync = Spec["syncPolicy"]!;
        var options = sync["syncOptions"].Strings();

        Assert.Equal((true, true), ((bool)sync["automated"]!["prune"]!, (bool)sync["automated"]!["selfHeal"]!));
        Assert.Contains("CreateNamespace=true", options);
        Assert.Contains("ServerSideApply=true", options);
        Assert.Contains("RespectIgnoreDifferences=true", options);
        Assert.Equal("https://kubernetes.default.svc", (string?)Spec["destination"]!["server"]);
    }

    [Fact]
    public void WhatItDeploysRendersAndTheWeightsArgoRolloutsSetsAreNotDrift()
    {
        var source = Spec["source"]!;
        var chart = new HelmChart("echo", (string)source["helm"]!["releaseName"]!, (string)Spec["destination"]!["namespace"]!);
        var profile = Path.GetFileName(source["helm"]!["valueFiles"].Strings().Single())[..^"-values.yaml".Length];
        var render = chart.RenderProfile(profile).Succeeded();
        var ignored = Spec["ignoreDifferences"]!.AsArray();

        Assert.Equal("Rollout", render.Workload.Kind());
        Assert.Single(render.Objects.OfKind("VirtualService"));
        Assert.Contains(ignored, i => (string?)i!["group"] == "networking.istio.io" && (string?)i["kind"] == "VirtualService"
            && i["jqPathExpressions"].Strings().Contains(".spec.http[].route[].weight"));
        Assert.Contains(ignored, i => (string?)i!["kind"] == "DestinationRule");
        // No replicas field under an autoscaler, so nothing to ignore for the HPA or KEDA.
        Assert.False(render.Workload["spec"]!.AsObject().ContainsKey("replicas"));
    }
}
