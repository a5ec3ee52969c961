using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Monitoring;

/// <summary>The monitoring objects other platform steps apply as manifests (e.g. Istio's) are picked up by our Prometheus.</summary>
public sealed class PlatformMonitorsTests
{
    private static readonly string[] MonitoringKinds = ["ServiceMonitor", "PodMonitor", "PrometheusRule"];

    [Fact]
    public void PrometheusSelectsEveryServiceMonitorPodMonitorAndRuleThePlatformApplies()
    {
        var monitoringObjects = PlatformFiles.YamlFiles()
            .Where(file => File.ReadAllText(file).Contains("monitoring.coreos.com/", StringComparison.Ordinal))
            .SelectMany(file => KubeObjects.Parse(PlatformVars.Render(File.ReadAllText(file))).Select(o => (File: file, Object: o)))
            .Where(found => MonitoringKinds.Contains(found.Object.Kind()))
            .ToList();

        Assert.NotEmpty(monitoringObjects);
        Assert.All(monitoringObjects, found => Assert.True(
            Discovery.PrometheusSelects(found.Object),
            $"{Path.GetRelativePath(Repository.Root, found.File)}: {found.Object.Kind()}/{found.Object.Name()} lacks the labels Prometheus selects"));
    }
}
