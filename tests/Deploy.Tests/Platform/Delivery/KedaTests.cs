using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Charts.Echo;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Delivery;

/// <summary>KEDA (60): what Echo's ScaledObjects (cron per known peak, on a Deployment or a Rollout) need from it.</summary>
public sealed class KedaTests
{
    private static JsonObject Values => DeliveryFiles.Values("keda/values.yaml");

    [Fact]
    public void KedaInstallsItsCrdsAndMayScaleEchosRolloutAsWellAsDeployments()
    {
        // With custom kinds off (the default), the chart grants the scale subresource of every kind ("*/scale"),
        // which covers argoproj.io rollouts; a restricted list would have to name rollouts.
        var rbac = Values["rbac"];

        Assert.NotEqual(false, (bool?)Values["crds"]?["install"]);
        Assert.True(rbac?["enabledCustomScaledRefKinds"] is null || (bool)rbac["enabledCustomScaledRefKinds"]! == false
            || rbac["scaledRefKinds"]!.AsArray().Any(k => (string?)k!["apiGroup"] is "argoproj.io" or "*"));
    }

    [Fact]
    public void EchosPeakProfileUsesOnlyTriggersKedaRuns()
    {
        var scaledObjects = EchoChart.RenderProfile("keda-peak").Succeeded().Objects.OfKind("ScaledObject").ToList();
        var triggers = scaledObjects.SelectMany(s => s["spec"]!["triggers"]!.AsArray()).Select(t => (string)t!["type"]!).ToHashSet();

        Assert.NotEmpty(scaledObjects);
        Assert.Contains("cron", triggers);
        Assert.Subset(new HashSet<string> { "cron", "cpu" }, triggers);
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("metricServer")]
    [InlineData("webhooks")]
    public void EveryKedaComponentHasResourcesAndAServiceMonitor(string component)
    {
        Assert.NotNull(Values["resources"]![component]!["requests"]!["memory"]);
        Assert.NotNull(Values["resources"]![component]!["limits"]!["memory"]);
        Assert.True((bool)Values["prometheus"]![component]!["enabled"]!);
        Assert.True((bool)Values["prometheus"]![component]!["serviceMonitor"]!["enabled"]!);
    }
}
