using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Platform.Jenkins;

/// <summary>Node 3 is reserved for CI: the controller, its volume and every agent pod land there, tolerating its taint.</summary>
public sealed class JenkinsPlacementTests
{
    private static readonly Dictionary<string, string> CiNodeSelector = new()
    {
        [GroupVarsTemplate.Variable("ci_node_label_key")] = GroupVarsTemplate.Variable("ci_node_label_value"),
    };

    private static readonly Dictionary<string, string> CiToleration = new()
    {
        ["key"] = GroupVarsTemplate.Variable("ci_node_taint_key"),
        ["operator"] = "Equal",
        ["value"] = GroupVarsTemplate.Variable("ci_node_taint_value"),
        ["effect"] = GroupVarsTemplate.Variable("ci_node_taint_effect"),
    };

    private readonly YamlMappingNode _values = JenkinsFiles.Values();

    [Fact]
    public void ControllerSelectsTheCiNodeByItsGroupVarsLabel() =>
        Assert.Equal(CiNodeSelector, JenkinsFiles.StringMap(JenkinsFiles.At(_values, "controller", "nodeSelector")));

    [Fact]
    public void ControllerToleratesExactlyTheCiNodesTaint()
    {
        var tolerations = JenkinsFiles.Items(_values, "controller", "tolerations").Select(JenkinsFiles.StringMap);

        Assert.Equal(CiToleration, Assert.Single(tolerations));
    }

    [Fact]
    public void EveryAgentPodTemplateSelectsTheCiNode()
    {
        Assert.Equal(CiNodeSelector, JenkinsFiles.StringMap(JenkinsFiles.At(_values, "agent", "nodeSelector")));
        // additionalAgents are merged over agent.*: none may replace the selector with its own.
        Assert.All(JenkinsFiles.AdditionalAgents(_values), agent => Assert.Null(JenkinsFiles.Find(agent.Value, "nodeSelector")));
    }

    [Fact]
    public void EveryAgentPodToleratesTheCiNodesTaintThroughThePodYaml()
    {
        // The kubernetes plugin's pod template has no tolerations field; agent.yamlTemplate is the pod yaml it merges.
        var pod = JenkinsFiles.Parse(JenkinsFiles.Text(_values, "agent", "yamlTemplate"));
        var tolerations = JenkinsFiles.Items(pod, "spec", "tolerations").Select(JenkinsFiles.StringMap);

        Assert.Equal(CiToleration, Assert.Single(tolerations));
        Assert.All(JenkinsFiles.AdditionalAgents(_values), agent => Assert.Null(JenkinsFiles.Find(agent.Value, "yamlTemplate")));
    }

    [Fact]
    public void TheDefaultAgentIsOffSoEveryTemplateIsOneOfOurs()
    {
        Assert.Equal("true", JenkinsFiles.Text(_values, "agent", "disableDefaultAgent"));
        Assert.Equal(["deploy", "dotnet"], JenkinsFiles.AdditionalAgents(_values).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void JenkinsHomeIsAPersistentClaimOnThePlatformsLocalPathClass()
    {
        // WaitForFirstConsumer: the volume is created where the controller is scheduled, which the nodeSelector makes node 3.
        Assert.Equal("true", JenkinsFiles.Text(_values, "persistence", "enabled"));
        Assert.Equal(GroupVarsTemplate.Variable("platform_storage_class"), JenkinsFiles.Text(_values, "persistence", "storageClass"));
        Assert.Null(JenkinsFiles.Find(_values, "persistence", "existingClaim"));
    }

    [Fact]
    public void TheControllerABuildPodAndADeployPodFitOnTheCiNodeTogether()
    {
        var node = Cluster.ClusterFiles.Nodes().Single(n => n.Ci);
        var jnlp = (YamlMappingNode)JenkinsFiles.At(_values, "agent");
        var containers = JenkinsFiles.AdditionalAgents(_values).Values
            .SelectMany(agent => JenkinsFiles.Items(agent, "additionalContainers").Prepend(jnlp))
            .Append(JenkinsFiles.At(_values, "controller"))
            .Append(JenkinsFiles.At(_values, "controller", "sidecars", "configAutoReload"))
            .ToList();

        var cpu = containers.Sum(c => Quantity.Cores(JenkinsFiles.Text(c, "resources", "requests", "cpu")));
        var memory = containers.Sum(c => Quantity.Mebibytes(JenkinsFiles.Text(c, "resources", "requests", "memory")));

        Assert.InRange(cpu, 0.1, node.Cpus);
        Assert.InRange(memory, 1, node.MemoryMib);
        Assert.All(containers, c => Assert.NotEmpty(JenkinsFiles.Text(c, "resources", "limits", "memory")));
    }

    [Fact]
    public void EveryControllerPodContainerRequestsCpuAndMemoryAsThePlatformPolicyDemands()
    {
        // The StatefulSet: jenkins and its init container (controller.resources), the JCasC reload sidecar and its init
        // container (configAutoReload.resources). The chart's helm-test pod cannot be given requests, so it is off.
        foreach (var container in new[] { JenkinsFiles.At(_values, "controller"), JenkinsFiles.At(_values, "controller", "sidecars", "configAutoReload") })
        {
            Assert.NotEmpty(JenkinsFiles.Text(container, "resources", "requests", "cpu"));
            Assert.NotEmpty(JenkinsFiles.Text(container, "resources", "requests", "memory"));
        }

        Assert.Equal("false", JenkinsFiles.Text(_values, "controller", "testEnabled"));
    }
}
