using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Delivery;

/// <summary>Istio (releases 40-42): one version, the gateway the echo chart binds to, NodePorts that do not clash.</summary>
public sealed class IstioTests
{
    private static readonly string[] IstioReleases = ["40-istio-base.yml", "41-istiod.yml", "42-istio-gateway.yml"];

    // The ingress controller's NodePorts (release 20, F5 NGINX Ingress Controller).
    private static readonly int[] IngressControllerNodePorts = [30080, 30443];

    private static JsonObject GatewayValues => DeliveryFiles.Values("istio/gateway-values.yaml");

    [Fact]
    public void AllThreeReleasesInstallTheSameIstioVersionFromIstiosRepository()
    {
        var charts = IstioReleases.Select(r => DeliveryFiles.Release(r)["chart"]!).ToList();

        Assert.Single(charts.Select(c => (string)c["version"]!).Distinct());
        Assert.All(charts, c => Assert.Equal("https://istio-release.storage.googleapis.com/charts", (string?)c["repo"]));
        Assert.Equal(["base", "istiod", "gateway"], charts.Select(c => (string)c["name"]!));
        Assert.All(charts, c => Assert.Contains($"/tree/", (string)c["source"]!));
    }

    [Fact]
    public void EveryGatewayTheEchoCanaryProfileNamesIsAPlatformGatewaySelectingTheIngressGatewayPods()
    {
        var canary = KubeObjects.Parse(File.ReadAllText(Repository.Path("deploy", "charts", "echo", "ci", "canary-values.yaml"))).Single();
        var gateways = DeliveryFiles.ManifestsOf("42-istio-gateway.yml").OfKind("Gateway").ToList();
        var podLabel = GatewayPodIstioLabel();

        Assert.NotEmpty(canary["canary"]!["istio"]!["gateways"].Strings());
        Assert.All(canary["canary"]!["istio"]!["gateways"].Strings(), reference =>
        {
            var (ns, name) = (reference.Split('/')[0], reference.Split('/')[1]);
            var gateway = Assert.Single(gateways, g => g.Name() == name && g.Namespace() == ns);
            Assert.Equal(podLabel, (string?)gateway["spec"]!["selector"]!["istio"]);
        });
    }

    [Fact]
    public void TheGatewayServesTheHostTheEchoApplicationPublishesOverHttpsWithTheCertificatesSecret()
    {
        var gateway = DeliveryFiles.ManifestsOf("42-istio-gateway.yml").OfKind("Gateway").Single();
        var certificate = DeliveryFiles.ManifestsOf("42-istio-gateway.yml").OfKind("Certificate").Single();
        var application = DeliveryFiles.Objects("argo/echo-application.yaml").One("Application");
        var hosts = application["spec"]!["source"]!["helm"]!["valuesObject"]!["canary"]!["istio"]!["hosts"].Strings();
        var https = gateway["spec"]!["servers"]!.AsArray().Single(s => (string?)s!["port"]!["protocol"] == "HTTPS")!;

        Assert.Equal(["echo.shipshape.test"], hosts);
        Assert.All(hosts, host => Assert.Contains(https["hosts"].Strings(), pattern => Covers(pattern, host)));
        // The Secret must live where the gateway's pods run (the release's namespace), written by cert-manager.
        Assert.Equal((string?)DeliveryFiles.Release("42-istio-gateway.yml")["namespace"], certificate.Namespace());
        Assert.Equal((string?)https["tls"]!["credentialName"], (string?)certificate["spec"]!["secretName"]);
        Assert.Equal("shipshape-ca", (string?)certificate["spec"]!["issuerRef"]!["name"]);
        Assert.All(hosts, host => Assert.Contains(certificate["spec"]!["dnsNames"].Strings(), pattern => Covers(pattern, host)));
    }

    [Fact]
    public void TheGatewayServiceIsANodePortServiceOnFixedPortsThatDoNotClashWithTheIngressController()
    {
        var service = GatewayValues["service"]!;
        var nodePorts = service["ports"]!.AsArray().Where(p => p!["nodePort"] is not null).ToDictionary(p => (string)p!["name"]!, p => (int)p!["nodePort"]!);

        Assert.Equal("NodePort", (string?)service["type"]);
        Assert.Equal(["http2", "https"], nodePorts.Keys.Order());
        Assert.Equal(nodePorts.Count, nodePorts.Values.Distinct().Count());
        Assert.All(nodePorts.Values, port => Assert.DoesNotContain(port, IngressControllerNodePorts));
        // The static band of the default range 30000-32767 (86 ports), which dynamic allocations use last.
        Assert.All(nodePorts.Values, port => Assert.InRange(port, 30000, 30085));
    }

    [Fact]
    public void IstiodRunsAtLeastTwoReplicasSoItsDisruptionBudgetNeverBlocksADrain()
    {
        var istiod = DeliveryFiles.Values("istio/istiod-values.yaml");

        Assert.True((bool)istiod["autoscaleEnabled"]!);
        Assert.True((int)istiod["autoscaleMin"]! > (int)istiod["pdb"]!["minAvailable"]!);
        Assert.True((int)istiod["autoscaleMax"]! >= (int)istiod["autoscaleMin"]!);
        Assert.NotNull(istiod["resources"]!["requests"]!["cpu"]);
        Assert.True((int)GatewayValues["autoscaling"]!["minReplicas"]! > (int)GatewayValues["podDisruptionBudget"]!["minAvailable"]!);
    }

    [Fact]
    public void PrometheusScrapesIstiodAndEveryProxy()
    {
        var monitors = DeliveryFiles.ManifestsOf("41-istiod.yml").ToList();
        var istiod = monitors.One("ServiceMonitor");
        var proxies = monitors.One("PodMonitor");

        Assert.Equal("pilot", (string?)istiod["spec"]!["selector"]!["matchLabels"]!["istio"]);
        Assert.Equal("http-monitoring", (string?)istiod["spec"]!["endpoints"]![0]!["port"]);
        Assert.True((bool)proxies["spec"]!["namespaceSelector"]!["any"]!);
        Assert.Equal("/stats/prometheus", (string?)proxies["spec"]!["podMetricsEndpoints"]![0]!["path"]);
        Assert.True((bool)DeliveryFiles.Values("istio/istiod-values.yaml")["meshConfig"]!["enablePrometheusMerge"]!);
    }

    /// <summary>The istio label of the gateway chart's pods: its name (the release's) without the "istio-" prefix.</summary>
    private static string GatewayPodIstioLabel()
    {
        var release = DeliveryFiles.Release("42-istio-gateway.yml");
        var name = (string)release["name"]!;
        return (string?)GatewayValues["labels"]?["istio"] ?? (name.StartsWith("istio-", StringComparison.Ordinal) ? name["istio-".Length..] : name);
    }

    private static bool Covers(string pattern, string host) =>
        pattern == "*" || pattern == host || (pattern.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(pattern[1..], StringComparison.Ordinal) && !host[..^(pattern.Length - 1)].Contains('.'));
}
