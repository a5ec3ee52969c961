using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Echo;

/// <summary>canary.enabled: an Argo Rollout with the Deployment's pod template, Istio routing and background analysis.</summary>
public sealed class CanaryTests
{
    [Theory]
    [InlineData("")]
    [InlineData("archiver: {enabled: true, s3: {bucket: logs}}")]
    [InlineData("echo: {managementPort: 9090}")]
    public void RolloutAndDeploymentShareOnePodTemplate(string values)
    {
        var deployment = EchoChart.RenderValues($"canary: {{enabled: false}}\n{values}").Succeeded();
        var rollout = EchoChart.RenderValues($"canary: {{enabled: true}}\n{values}").Succeeded();

        Assert.Equal("Deployment", deployment.Workload.Kind());
        Assert.Equal("Rollout", rollout.Workload.Kind());
        Assert.Empty(rollout.Objects.OfKind("Deployment"));
        Assert.Equal(deployment.Workload["spec"]!["template"]!.ToJsonString(), rollout.Workload["spec"]!["template"]!.ToJsonString());
        Assert.Equal(deployment.Workload["spec"]!["selector"]!.ToJsonString(), rollout.Workload["spec"]!["selector"]!.ToJsonString());
    }

    [Fact]
    public void CanaryStrategyNamesTheServicesRoutesSubsetsAndAnalysisTheOtherTemplatesMake()
    {
        var render = EchoChart.RenderProfile("canary").Succeeded();
        var fullname = render.Workload.Name();
        var canary = render.Workload["spec"]!["strategy"]!["canary"]!;
        var istio = canary["trafficRouting"]!["istio"]!;
        var services = render.Objects.OfKind("Service").Select(s => s.Name()).ToList();

        Assert.Equal($"{fullname}-canary", (string?)canary["canaryService"]);
        Assert.Equal($"{fullname}-stable", (string?)canary["stableService"]);
        Assert.Contains($"{fullname}-canary", services);
        Assert.Contains($"{fullname}-stable", services);
        Assert.Equal(fullname, (string?)istio["virtualService"]!["name"]);
        Assert.Equal(["primary"], istio["virtualService"]!["routes"].Strings());
        Assert.Equal(fullname, (string?)istio["destinationRule"]!["name"]);
        Assert.Equal(("canary", "stable"), ((string)istio["destinationRule"]!["canarySubsetName"]!, (string)istio["destinationRule"]!["stableSubsetName"]!));
        Assert.Equal($"{fullname}-canary", (string?)canary["analysis"]!["templates"]!.AsArray().Single()!["templateName"]);
        Assert.Equal(1, (int?)canary["analysis"]!["startingStep"]);
    }

    [Fact]
    public void DefaultStepsGoFiveTwentyFiveFiftyHundredPercentWithPauses()
    {
        var steps = EchoChart.RenderProfile("canary").Succeeded().Workload["spec"]!["strategy"]!["canary"]!["steps"]!.AsArray();

        Assert.Equal([5, 25, 50, 100], steps.Where(s => s!["setWeight"] is not null).Select(s => (int)s!["setWeight"]!));
        Assert.Equal(3, steps.Count(s => s!["pause"] is not null));
        Assert.Equal(100, (int?)steps[^1]!["setWeight"]);
    }

    [Fact]
    public void HpaScalesTheRolloutWhenCanaryIsOn()
    {
        var hpa = EchoChart.RenderProfile("canary").Succeeded().Objects.One("HorizontalPodAutoscaler")["spec"]!["scaleTargetRef"]!;

        Assert.Equal(("argoproj.io/v1alpha1", "Rollout"), ((string)hpa["apiVersion"]!, (string)hpa["kind"]!));
    }
}
