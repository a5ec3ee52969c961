using Shipshape.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Cluster;

/// <summary>
/// The kubeadm configuration and Calico's Installation as Ansible renders them (the template module, run locally into a
/// temporary folder, with group_vars/all.yml and the role's defaults): API versions, field names against kubeadm's
/// v1beta4 types (Fixtures/kubeadm-v1beta4-fields.txt), metrics bind addresses, cgroup driver, pod CIDR.
/// </summary>
public sealed class KubeadmConfigTests(RenderedClusterTemplates rendered) : IClassFixture<RenderedClusterTemplates>
{
    private readonly ClusterNode _controlPlane = ClusterFiles.Nodes().Single(n => n.Role == "control_plane");

    [Fact]
    public void InitConfigUsesTheCurrentKubeadmApiAndOnlyFieldsOfItsTypes()
    {
        var documents = rendered.Init;

        Assert.Equal(
            ["InitConfiguration", "ClusterConfiguration", "KubeletConfiguration", "KubeProxyConfiguration"],
            documents.Keys);
        Assert.Equal("kubeadm.k8s.io/v1beta4", YamlSettings.Scalar(documents["InitConfiguration"], "apiVersion"));
        Assert.Equal("kubeadm.k8s.io/v1beta4", YamlSettings.Scalar(documents["ClusterConfiguration"], "apiVersion"));
        Assert.Equal("kubelet.config.k8s.io/v1beta1", YamlSettings.Scalar(documents["KubeletConfiguration"], "apiVersion"));
        Assert.Equal("kubeproxy.config.k8s.io/v1alpha1", YamlSettings.Scalar(documents["KubeProxyConfiguration"], "apiVersion"));
        AssertKnownFields(documents);
    }

    [Fact]
    public void JoinConfigUsesTheCurrentKubeadmApiAndOnlyFieldsOfItsType()
    {
        var worker = ClusterFiles.Nodes().Single(n => n.Ci);
        var join = rendered.Join(worker);
        var documents = new Dictionary<string, YamlMappingNode> { ["JoinConfiguration"] = join };

        Assert.Equal("kubeadm.k8s.io/v1beta4", YamlSettings.Scalar(join, "apiVersion"));
        Assert.Equal("192.0.2.1:6443", YamlSettings.Scalar(join, "discovery.bootstrapToken.apiServerEndpoint"));
        Assert.Equal("abcdef.0123456789abcdef", YamlSettings.Scalar(join, "discovery.bootstrapToken.token"));
        Assert.Equal("sha256:0a1b2c", Assert.Single(YamlSettings.Sequence(join, "discovery.bootstrapToken.caCertHashes")).ToString());
        Assert.Equal(worker.Ip, Arg(join, "nodeRegistration.kubeletExtraArgs", "node-ip"));
        Assert.Equal(worker.Name, YamlSettings.Scalar(join, "nodeRegistration.name"));
        AssertKnownFields(documents);
    }

    [Fact]
    public void OnlyTheCiNodeRegistersWithTheCiTaintFromGroupVars()
    {
        foreach (var worker in ClusterFiles.Nodes().Where(n => n.Role == "worker"))
        {
            var join = rendered.Join(worker);
            var taints = YamlSettings.Find(join, "nodeRegistration.taints") is YamlSequenceNode list ? list.Children : [];

            if (!worker.Ci)
            {
                Assert.Empty(taints);
                continue;
            }

            var taint = Assert.Single(taints);
            Assert.Equal(ClusterFiles.GroupVar("ci_node_taint_key"), YamlSettings.Scalar(taint, "key"));
            Assert.Equal(ClusterFiles.GroupVar("ci_node_taint_value"), YamlSettings.Scalar(taint, "value"));
            Assert.Equal(ClusterFiles.GroupVar("ci_node_taint_effect"), YamlSettings.Scalar(taint, "effect"));
        }
    }

    [Fact]
    public void ControlPlaneComponentsExposeTheirMetricsBeyondLocalhost()
    {
        var documents = rendered.Init;
        var cluster = documents["ClusterConfiguration"];

        Assert.Equal("0.0.0.0", Arg(cluster, "controllerManager.extraArgs", "bind-address"));
        Assert.Equal("0.0.0.0", Arg(cluster, "scheduler.extraArgs", "bind-address"));
        Assert.Equal("http://0.0.0.0:2381", Arg(cluster, "etcd.local.extraArgs", "listen-metrics-urls"));
        Assert.Equal("0.0.0.0:10249", YamlSettings.Scalar(documents["KubeProxyConfiguration"], "metricsBindAddress"));
    }

    [Fact]
    public void KubeletUsesTheSystemdCgroupDriverLikeContainerd()
    {
        var documents = rendered.Init;

        // containerd's side: ContainerdConfigTests.
        Assert.Equal("systemd", YamlSettings.Scalar(documents["KubeletConfiguration"], "cgroupDriver"));
    }

    [Fact]
    public void ControlPlaneAdvertisesItsAddressFromTheSettingsAndRunsThePinnedVersion()
    {
        var documents = rendered.Init;

        Assert.Equal(_controlPlane.Ip, YamlSettings.Scalar(documents["InitConfiguration"], "localAPIEndpoint.advertiseAddress"));
        Assert.Equal(_controlPlane.Ip, Arg(documents["InitConfiguration"], "nodeRegistration.kubeletExtraArgs", "node-ip"));
        Assert.Equal(_controlPlane.Name, YamlSettings.Scalar(documents["InitConfiguration"], "nodeRegistration.name"));
        Assert.Equal("v" + ClusterFiles.GroupVar("kubernetes_version"), YamlSettings.Scalar(documents["ClusterConfiguration"], "kubernetesVersion"));
        Assert.StartsWith(ClusterFiles.GroupVar("kubernetes_minor") + ".", ClusterFiles.GroupVar("kubernetes_version"), StringComparison.Ordinal);
    }

    [Fact]
    public void CalicoPoolIsKubeadmsPodSubnetAndOverlapsNeitherServicesNorNodes()
    {
        var podSubnet = YamlSettings.Scalar(rendered.Init["ClusterConfiguration"], "networking.podSubnet");
        var serviceSubnet = YamlSettings.Scalar(rendered.Init["ClusterConfiguration"], "networking.serviceSubnet");
        var calico = rendered.Calico;

        var pool = Assert.Single(YamlSettings.Sequence(calico["Installation"], "spec.calicoNetwork.ipPools"));
        Assert.Equal(podSubnet, YamlSettings.Scalar(pool, "cidr"));
        Assert.Equal("operator.tigera.io/v1", YamlSettings.Scalar(calico["Installation"], "apiVersion"));
        Assert.False(System.Net.IPNetwork.Parse(podSubnet).Contains(System.Net.IPAddress.Parse(serviceSubnet.Split('/')[0])));
        Assert.False(System.Net.IPNetwork.Parse(serviceSubnet).Contains(System.Net.IPAddress.Parse(podSubnet.Split('/')[0])));
        var nodes = System.Net.IPNetwork.Parse(ClusterFiles.Setting("network"));
        Assert.False(nodes.Contains(System.Net.IPAddress.Parse(podSubnet.Split('/')[0])) || System.Net.IPNetwork.Parse(podSubnet).Contains(nodes.BaseAddress));
    }

    private static string Arg(YamlNode document, string path, string name) =>
        YamlSettings.Scalar(Assert.Single(YamlSettings.Sequence(document, path), a => YamlSettings.Scalar(a, "name") == name), "value");

    private static void AssertKnownFields(Dictionary<string, YamlMappingNode> documents)
    {
        var known = File.ReadAllLines(ClusterFiles.Fixture("kubeadm-v1beta4-fields.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);
        var unknown = documents
            .SelectMany(d => FieldPaths(d.Value, "").Select(path => $"{d.Key} {path}"))
            .Where(field => !known.Contains(field))
            .ToList();

        Assert.True(unknown.Count == 0, "fields not in the v1beta4 types: " + string.Join(", ", unknown));
    }

    private static IEnumerable<string> FieldPaths(YamlNode node, string path) => node switch
    {
        YamlMappingNode mapping => mapping.Children.SelectMany(child =>
        {
            var name = ((YamlScalarNode)child.Key).Value!;
            var childPath = path.Length == 0 ? name : $"{path}.{name}";
            return FieldPaths(child.Value, childPath).Prepend(childPath);
        }),
        YamlSequenceNode sequence => sequence.Children.SelectMany(item => FieldPaths(item, path + "[]").Prepend(path + "[]")),
        _ => [],
    };
}

/// <summary>The cluster's templates rendered once per test class (each ansible run takes seconds).</summary>
public sealed class RenderedClusterTemplates : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("shipshape-kubeadm-");
    private readonly ClusterNode _controlPlane = ClusterFiles.Nodes().Single(n => n.Role == "control_plane");
    private readonly Dictionary<string, YamlMappingNode> _joins = [];
    private string? _inventory;

    public RenderedClusterTemplates()
    {
        Init = Render("control_plane", "kubeadm-config.yaml.j2", _controlPlane);
        Calico = Render("cni", "calico-installation.yaml.j2", _controlPlane);
    }

    public Dictionary<string, YamlMappingNode> Init { get; }

    public Dictionary<string, YamlMappingNode> Calico { get; }

    public YamlMappingNode Join(ClusterNode worker)
    {
        lock (_joins)
        {
            if (!_joins.TryGetValue(worker.Name, out var join))
            {
                _joins[worker.Name] = join = RenderJoin(worker);
            }

            return join;
        }
    }

    public void Dispose() => _temp.Delete(recursive: true);

    // What `kubeadm token create --print-join-command` prints, with a made-up token in the documentation's format:
    // the role gets the real one at run time.
    private YamlMappingNode RenderJoin(ClusterNode worker) =>
        Assert.Single(Render("workers", "kubeadm-join.yaml.j2", worker, """
            {"workers_join_command": {"stdout": "kubeadm join 192.0.2.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:0a1b2c "}}
            """)).Value;


    /// <summary>Renders a role's template for the node with `ansible -m template` and returns its documents by kind.</summary>
    private Dictionary<string, YamlMappingNode> Render(string role, string template, ClusterNode node, string? extraVars = null)
    {
        var output = Path.Combine(_temp.FullName, $"{node.Name}-{Path.GetFileNameWithoutExtension(template)}");
        string[] extra = extraVars is null ? [] : ["-e", extraVars];
        var varsFile = ClusterFiles.PathOf("roles", role, "vars", "main.yml");
        string[] roleVars = File.Exists(varsFile) ? ["-e", "@" + varsFile] : [];
        // The generated inventory gives the node its groups and node_ip, and group_vars beside it the cluster's variables
        // with the precedence they have in a playbook run; the connection is local, nothing is contacted.
        if (_inventory is null)
        {
            _inventory = ClusterFiles.GenerateInventory(_temp.FullName);
            Directory.CreateSymbolicLink(Path.Combine(_temp.FullName, "group_vars"), ClusterFiles.PathOf("group_vars"));
        }

        ClusterFiles.RunOk("ansible", [
            node.Name, "-i", _inventory, "-c", "local",
            "-m", "ansible.builtin.template", "-a", $"src={ClusterFiles.PathOf("roles", role, "templates", template)} dest={output}",
            "-e", "@" + ClusterFiles.PathOf("roles", role, "defaults", "main.yml"),
            .. roleVars,
            .. extra]);

        var stream = new YamlStream();
        using (var reader = new StreamReader(output))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToDictionary(d => YamlSettings.Scalar(d, "kind"));
    }

}
