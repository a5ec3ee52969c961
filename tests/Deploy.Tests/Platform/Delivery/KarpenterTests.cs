using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Delivery;

/// <summary>Karpenter (90): EKS only, its AWS settings from variables, nodes found by the cluster's discovery tag.</summary>
public sealed class KarpenterTests
{
    private static JsonObject Values => DeliveryFiles.Values("karpenter/values.yaml");

    private static IReadOnlyList<JsonObject> Manifests => [.. DeliveryFiles.ManifestsOf("90-karpenter.yml")];

    [Fact]
    public void KarpenterIsTheOnlyDeliveryStepAndOnlyForAws()
    {
        var clouds = DeliveryFiles.DeliveryReleases.ToDictionary(r => r, r => (string?)DeliveryFiles.Release(r)["cloud"]);

        Assert.Equal("aws", clouds["90-karpenter.yml"]);
        Assert.All(clouds.Where(c => c.Key != "90-karpenter.yml"), c => Assert.Null(c.Value));
        Assert.StartsWith("oci://", (string)DeliveryFiles.Release("90-karpenter.yml")["chart"]!["repo"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void TheControllerGetsTheClusterTheQueueAndItsIamRoleFromVariables()
    {
        var raw = File.ReadAllText(DeliveryFiles.PathOf("karpenter", "values.yaml"));

        Assert.Contains("clusterName: \"{{ karpenter_cluster_name }}\"", raw, StringComparison.Ordinal);
        Assert.Contains("interruptionQueue: \"{{ karpenter_interruption_queue }}\"", raw, StringComparison.Ordinal);
        Assert.Equal(PlatformVars.Get("karpenter_controller_role_arn"), (string?)Values["serviceAccount"]!["annotations"]!["eks.amazonaws.com/role-arn"]);
        Assert.True((int)Values["replicas"]! >= 2);
        Assert.NotNull(Values["controller"]!["resources"]!["requests"]);
        Assert.True((bool)Values["serviceMonitor"]!["enabled"]!);
    }

    [Fact]
    public void TheNodeClassFindsSubnetsAndSecurityGroupsByTheClustersDiscoveryTag()
    {
        var nodeClass = Manifests.One("EC2NodeClass");
        var nodePool = Manifests.One("NodePool");
        var cluster = PlatformVars.Get("karpenter_cluster_name");

        Assert.All(["subnetSelectorTerms", "securityGroupSelectorTerms"], terms =>
            Assert.Equal(cluster, (string?)nodeClass["spec"]![terms]![0]!["tags"]!["karpenter.sh/discovery"]));
        Assert.Equal(PlatformVars.Get("karpenter_node_role"), (string?)nodeClass["spec"]!["role"]);
        Assert.Matches("^[a-z0-9]+@", (string)nodeClass["spec"]!["amiSelectorTerms"]![0]!["alias"]!);
        Assert.Equal("required", (string?)nodeClass["spec"]!["metadataOptions"]!["httpTokens"]);
        Assert.Equal(nodeClass.Name(), (string?)nodePool["spec"]!["template"]!["spec"]!["nodeClassRef"]!["name"]);
        Assert.Equal("karpenter.k8s.aws", (string?)nodePool["spec"]!["template"]!["spec"]!["nodeClassRef"]!["group"]);
    }

    [Fact]
    public void TheDefaultNodePoolDisruptsNoNodeDuringEchosPeakWindows()
    {
        var echoPeaks = KubeObjects.Parse(File.ReadAllText(Repository.Path("deploy", "charts", "echo", "ci", "keda-peak-values.yaml"))).Single()
            ["nodeScaling"]!["karpenter"]!["peakWindows"]!.AsArray().Select(w => ((string)w!["schedule"]!, (string)w["duration"]!)).ToList();
        var budgets = Manifests.One("NodePool")["spec"]!["disruption"]!["budgets"]!.AsArray();
        var frozen = budgets.Where(b => (string?)b!["nodes"] == "0").Select(b => ((string)b!["schedule"]!, (string)b["duration"]!)).ToList();

        Assert.NotEmpty(echoPeaks);
        Assert.Equal(echoPeaks, frozen);
        Assert.Contains(budgets, b => b!["schedule"] is null && ((string)b["nodes"]!).EndsWith('%'));
    }
}
