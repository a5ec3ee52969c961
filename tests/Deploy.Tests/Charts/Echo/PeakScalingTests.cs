using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Echo;

/// <summary>Pods ahead of known peaks: KEDA's ScaledObject (CPU + a cron trigger per peak) instead of the HPA (ci/keda-peak-values.yaml).</summary>
public sealed class PeakScalingTests
{
    private static JsonObject EchoScaledObject(Render render) =>
        render.Objects.OfKind("ScaledObject").Single(s => (string?)s["spec"]!["scaleTargetRef"]!["name"] == render.Workload.Name());

    [Theory]
    [InlineData("", "apps/v1", "Deployment")]
    [InlineData("canary: {enabled: true}", "argoproj.io/v1alpha1", "Rollout")]
    public void KedaReplacesTheHpaAndScalesTheWorkloadWhichHasNoReplicasField(string values, string apiVersion, string kind)
    {
        var render = EchoChart.RenderValues(values, "keda-peak").Succeeded();
        var target = EchoScaledObject(render)["spec"]!["scaleTargetRef"]!;

        Assert.Empty(render.Objects.OfKind("HorizontalPodAutoscaler"));
        Assert.False(render.Workload["spec"]!.AsObject().ContainsKey("replicas"));
        Assert.Equal((apiVersion, kind, render.Workload.Name()), ((string)target["apiVersion"]!, (string)target["kind"]!, (string)target["name"]!));
        Assert.Equal(kind, render.Workload.Kind());
    }

    [Fact]
    public void ScaledObjectHasACpuTriggerAndOneCronTriggerPerPeakInItsTimeZone()
    {
        var render = EchoChart.RenderProfile("keda-peak").Succeeded();
        var spec = EchoScaledObject(render)["spec"]!;
        var triggers = spec["triggers"]!.AsArray();
        var cpu = triggers.Single(t => (string?)t!["type"] == "cpu")!;
        var crons = triggers.Where(t => (string?)t!["type"] == "cron").Select(t => t!["metadata"]!).ToList();

        Assert.Equal((4, 24), ((int)spec["minReplicaCount"]!, (int)spec["maxReplicaCount"]!));
        Assert.Equal(("Utilization", "70"), ((string)cpu["metricType"]!, (string)cpu["metadata"]!["value"]!));
        Assert.Equal(
            [("Europe/Paris", "30 11 * * 1-5", "0 14 * * 1-5", "12"), ("Europe/Paris", "0 19 * * *", "30 21 * * *", "16")],
            crons.Select(c => ((string)c["timezone"]!, (string)c["start"]!, (string)c["end"]!, (string)c["desiredReplicas"]!)));
        Assert.Equal(1 + crons.Count, triggers.Count);
    }

    [Fact]
    public void WithoutKedaThereIsNoScaledObjectAndTheHpaScales()
    {
        var render = EchoChart.RenderProfile("default").Succeeded();

        Assert.Empty(render.Objects.OfKind("ScaledObject"));
        Assert.Single(render.Objects.OfKind("HorizontalPodAutoscaler"));
    }

    [Theory]
    [InlineData("autoscaling: {keda: {peaks: [{name: big, start: '0 9 * * *', end: '0 10 * * *', desiredReplicas: 30}]}}", "desiredReplicas (30) is above maxReplicas (24)")]
    [InlineData("autoscaling: {keda: {peaks: [{name: none, start: '0 9 * * *', end: '0 9 * * *', desiredReplicas: 8}]}}", "start and end are the same")]
    [InlineData("autoscaling: {keda: {minReplicas: 10, maxReplicas: 8}}", "autoscaling.keda.maxReplicas (8) must be at least minReplicas (10)")]
    public void TemplatesRefuseAPeakKedaCouldNotHonour(string values, string message)
    {
        var render = EchoChart.RenderValues(values, "keda-peak");

        Assert.False(render.Succeeded);
        Assert.Contains(message, render.Result.Stderr, StringComparison.Ordinal);
    }
}
