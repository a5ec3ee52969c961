using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Charts.Echo;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Delivery;

/// <summary>Argo Rollouts (50) and Argo CD (51): Istio routing allowed, Argo CD behind the ingress, Echo's project and Application.</summary>
public sealed class ArgoTests
{
    private static JsonObject Rollouts => DeliveryFiles.Values("argo/rollouts-values.yaml");

    private static JsonObject ArgoCd => DeliveryFiles.Values("argo/cd-values.yaml");

    private static JsonObject Application => DeliveryFiles.Objects("argo/echo-application.yaml").One("Application");

    private static JsonObject Project => DeliveryFiles.Objects("argo/project.yaml").One("AppProject");

    [Fact]
    public void TheRolloutsControllerKeepsItsIstioRbacForVirtualServicesAndDestinationRules()
    {
        // The chart's ClusterRole grants networking.istio.io virtualservices/destinationrules when both are true
        // (their defaults): nothing may turn them off.
        var rbac = Rollouts["providerRBAC"];

        Assert.NotEqual(false, (bool?)rbac?["enabled"]);
        Assert.NotEqual(false, (bool?)rbac?["providers"]?["istio"]);
        Assert.NotEqual(false, (bool?)Rollouts["controller"]?["createClusterRole"]);
        Assert.True((bool)Rollouts["controller"]!["metrics"]!["serviceMonitor"]!["enabled"]!);
        Assert.NotNull(Rollouts["controller"]!["resources"]!["requests"]);
    }

    [Fact]
    public void TheRolloutsDashboardIsNotExposedWithoutALogin()
    {
        var dashboard = Rollouts["dashboard"];

        Assert.False((bool?)dashboard?["enabled"] ?? false);
        Assert.False((bool?)dashboard?["ingress"]?["enabled"] ?? false);
    }

    [Fact]
    public void ArgoCdServesPlainHttpBehindTheIngressWhichEndsTlsWithACertManagerCertificate()
    {
        var ingress = ArgoCd["server"]!["ingress"]!;

        Assert.Equal("argocd.shipshape.test", (string?)ArgoCd["global"]!["domain"]);
        Assert.True((bool)ArgoCd["configs"]!["params"]!["server.insecure"]!);
        Assert.True((bool)ingress["enabled"]!);
        Assert.True((bool)ingress["tls"]!);
        Assert.Equal("nginx", (string?)ingress["ingressClassName"]);
        Assert.Equal("shipshape-ca", (string?)ingress["annotations"]!["cert-manager.io/cluster-issuer"]);
    }

    [Fact]
    public void ArgoCdGeneratesItsAdminPasswordAndEveryComponentIsScraped()
    {
        Assert.Null(ArgoCd["configs"]!["secret"]!["argocdServerAdminPassword"]);
        Assert.All(["server", "controller", "repoServer", "applicationSet", "notifications"], component =>
        {
            Assert.True((bool)ArgoCd[component]!["metrics"]!["serviceMonitor"]!["enabled"]!, component);
            Assert.NotNull(ArgoCd[component]!["resources"]!["requests"]);
        });
    }

    [Fact]
    public void ArgoCdAppliesTheProjectBeforeTheApplicationThatUsesIt()
    {
        var after = DeliveryFiles.Release("51-argo-cd.yml")["manifests_after"].Strings();

        Assert.Equal(["argo/project.yaml", "argo/echo-application.yaml"], after);
        Assert.Equal((string?)Project["metadata"]!["name"], (string?)Application["spec"]!["project"]);
        Assert.All([Project, Application], o => Assert.Equal((string?)DeliveryFiles.Release("51-argo-cd.yml")["namespace"], o.Namespace()));
    }

    [Fact]
    public void TheProjectAllowsTheApplicationsSourceAndDestination()
    {
        var source = Application["spec"]!["source"]!;
        var destination = Application["spec"]!["destination"]!;

        Assert.Equal(PlatformVars.Get("platform_git_repo_url"), (string?)source["repoURL"]);
        Assert.Contains((string)source["repoURL"]!, Project["spec"]!["sourceRepos"].Strings());
        Assert.Contains(Project["spec"]!["destinations"]!.AsArray(), d =>
            (string?)d!["server"] == (string?)destination["server"] && (string?)d["namespace"] == (string?)destination["namespace"]);
    }

    [Theory]
    [InlineData("canary")]
    [InlineData("keda-peak")]
    public void TheProjectWhitelistsEveryClusterScopedKindTheEchoChartMakes(string profile)
    {
        var whitelist = Project["spec"]!["clusterResourceWhitelist"]!.AsArray()
            .Select(k => ((string)k!["group"]!, (string)k["kind"]!)).ToHashSet();
        var clusterScoped = EchoChart.RenderProfile(profile).Succeeded().Objects.Where(o => o["metadata"]!["namespace"] is null).ToList();

        Assert.Contains(("", "Namespace"), whitelist);
        Assert.All(clusterScoped, o => Assert.Contains((Group((string)o["apiVersion"]!), o.Kind()), whitelist));
    }

    [Fact]
    public void TheNamespaceArgoCdCreatesForEchoHasSidecarInjection()
    {
        var sync = Application["spec"]!["syncPolicy"]!;

        Assert.Contains("CreateNamespace=true", sync["syncOptions"].Strings());
        Assert.Equal("enabled", (string?)sync["managedNamespaceMetadata"]!["labels"]!["istio-injection"]);
    }

    [Fact]
    public void EchosNetworkPolicyAdmitsTheIstioIngressGatewaysNamespace()
    {
        var namespaces = Application["spec"]!["source"]!["helm"]!["valuesObject"]!["networkPolicy"]!["ingressNamespaces"].Strings();

        Assert.Contains((string)DeliveryFiles.Release("42-istio-gateway.yml")["namespace"]!, namespaces);
    }

    [Fact]
    public void EchoRenderedAsTheApplicationAsksIsRoutedThroughThePublicGatewayAndOpenToTheGatewaysNamespace()
    {
        var helm = Application["spec"]!["source"]!["helm"]!;
        var profile = Path.GetFileName(helm["valueFiles"].Strings().Single())[..^"-values.yaml".Length];
        var render = EchoChart.Chart.RenderValues(helm["valuesObject"]!.ToJsonString(), profile).Succeeded();
        var virtualService = render.Objects.One("VirtualService");
        var policy = render.Objects.One("NetworkPolicy");
        var admitted = policy["spec"]!["ingress"]![0]!["from"]!.AsArray()
            .Select(peer => (string?)peer!["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"]).OfType<string>();

        Assert.Contains("echo.shipshape.test", virtualService["spec"]!["hosts"].Strings());
        Assert.Contains("istio-system/public", virtualService["spec"]!["gateways"].Strings());
        Assert.Contains("istio-ingress", admitted);
    }

    private static string Group(string apiVersion) => apiVersion.Contains('/') ? apiVersion.Split('/')[0] : "";
}
