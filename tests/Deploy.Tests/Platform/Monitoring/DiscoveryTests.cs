using Shipshape.Deploy.Tests.Charts.Admission;
using Shipshape.Deploy.Tests.Charts.Echo;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Monitoring;

/// <summary>
/// Our charts' monitoring objects, rendered with helm, against the selectors of values.yaml: Prometheus picks up Echo's
/// and the admission webhook's ServiceMonitors and Echo's rules in their own namespaces, Grafana Echo's dashboard.
/// A label renamed in a chart or in values.yaml fails here.
/// </summary>
public sealed class DiscoveryTests
{
    // What README.md tells an app to set: the release label on its rules (the ServiceMonitor's comes from the profile).
    private const string EchoRulesAndDashboard = """
        metrics:
          prometheusRule:
            enabled: true
            labels:
              release: kube-prometheus-stack
          dashboard:
            enabled: true
        """;

    private const string AdmissionReleaseLabel = """
        serviceMonitor:
          labels:
            release: kube-prometheus-stack
        """;

    private static Render Echo => EchoChart.RenderValues(EchoRulesAndDashboard, "default").Succeeded();

    [Fact]
    public void PrometheusSelectsEchosServiceMonitorOfTheDefaultProfile()
    {
        var serviceMonitor = Echo.Objects.One("ServiceMonitor");

        Assert.True(Discovery.PrometheusSelects(serviceMonitor), Describe(serviceMonitor));
    }

    [Fact]
    public void EchosNetworkPolicyLetsPrometheusFromOurNamespaceReachTheScrapedPort()
    {
        var scrapedPorts = Echo.Objects.One("ServiceMonitor")["spec"]!["endpoints"]!.AsArray().Select(e => (string)e!["port"]!).ToList();
        var monitoringNamespace = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = (string)MonitoringFiles.Release["namespace"]! };
        var rules = Echo.Objects.One("NetworkPolicy")["spec"]!["ingress"]!.AsArray().Select(r => r!).ToList();

        Assert.All(scrapedPorts, port => Assert.Contains(rules, rule =>
            rule["ports"]!.AsArray().Any(p => p!["port"]!.ToString() == port)
            && rule["from"]!.AsArray().Any(peer => peer!["podSelector"] is null && peer["namespaceSelector"] is { } namespaces
                && LabelSelector.Matches(namespaces, monitoringNamespace))));
    }

    [Fact]
    public void PrometheusSelectsEchosRulesInEchosNamespace()
    {
        var rule = Echo.Objects.One("PrometheusRule");

        Assert.NotEqual("monitoring", (string)rule["metadata"]!["namespace"]!);
        Assert.True(Discovery.PrometheusSelects(rule), Describe(rule));
    }

    [Fact]
    public void GrafanaLoadsEchosDashboardFromEchosNamespace()
    {
        var dashboard = Assert.Single(Echo.Objects.OfKind("ConfigMap"), c => c.Name().EndsWith("-dashboard", StringComparison.Ordinal));

        Assert.True(Discovery.GrafanaLoads(dashboard), Describe(dashboard));
    }

    [Fact]
    public void PrometheusSelectsTheAdmissionWebhooksServiceMonitorCarryingTheReleaseLabel()
    {
        var serviceMonitor = AdmissionChart.RenderValues(AdmissionReleaseLabel, "generated-ca").Succeeded().Objects.One("ServiceMonitor");

        Assert.True(Discovery.PrometheusSelects(serviceMonitor), Describe(serviceMonitor));
    }

    [Fact]
    public void PrometheusScrapesAServiceMonitorWithoutTheReleaseLabelToo()
    {
        var serviceMonitor = AdmissionChart.RenderProfile("generated-ca").Succeeded().Objects.One("ServiceMonitor");

        Assert.False(Discovery.Labels(serviceMonitor).ContainsKey("release"));
        Assert.True(Discovery.PrometheusSelects(serviceMonitor), Describe(serviceMonitor));
    }

    [Fact]
    public void PrometheusLeavesARuleWithoutTheReleaseLabelAlone()
    {
        var rule = KubeObjects.Parse("""
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: stray, namespace: shop, labels: {app: stray}}
            spec: {groups: []}
            """).Single();

        Assert.False(Discovery.PrometheusSelects(rule), "rules are selected by label: an unlabelled rule must not change alerting");
    }

    [Theory]
    [InlineData("ServiceMonitor")]
    [InlineData("PodMonitor")]
    [InlineData("PrometheusRule")]
    public void PrometheusSelectsTheStacksOwnObjectsInEveryNamespace(string kind)
    {
        // The chart labels its own rules and monitors release=<Helm release name>.
        var ownLabels = new Dictionary<string, string> { ["release"] = MonitoringFiles.ReleaseName };

        Assert.True(LabelSelector.Matches(Discovery.Selector(kind), ownLabels));
        Assert.Empty(Discovery.NamespaceSelector(kind).AsObject());
    }

    [Theory]
    [InlineData("serviceMonitor")]
    [InlineData("podMonitor")]
    [InlineData("rule")]
    public void TheChartsReleaseLabelDefaultIsTurnedOffForOurSelectors(string prefix) =>
        Assert.False((bool)MonitoringFiles.At($"prometheus.prometheusSpec.{prefix}SelectorNilUsesHelmValues"));

    private static string Describe(System.Text.Json.Nodes.JsonObject manifest) =>
        $"{manifest.Kind()}/{manifest.Name()} in {manifest["metadata"]!["namespace"]} with labels {manifest["metadata"]!["labels"]?.ToJsonString()}";
}
