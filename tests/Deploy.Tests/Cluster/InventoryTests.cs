using System.Text.Json;

namespace Shipshape.Deploy.Tests.Cluster;

/// <summary>settings.yaml is the only source of the machines: the generated inventory and the Vagrantfile both follow it.</summary>
public sealed class InventoryTests : IDisposable
{
    private static readonly string[] Providers = ["libvirt", "virtualbox"];
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("shipshape-inventory-");
    private readonly IReadOnlyList<ClusterNode> _nodes = ClusterFiles.Nodes();

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void SettingsDescribeOneControlPlaneAndThreeWorkersOfWhichOneIsTheCiNode()
    {
        Assert.Single(_nodes, n => n.Role == "control_plane");
        Assert.Equal(3, _nodes.Count(n => n.Role == "worker"));
        var ci = Assert.Single(_nodes, n => n.Ci);
        Assert.Equal("worker", ci.Role);
        Assert.All(_nodes, n => Assert.True(ci.Cpus >= n.Cpus && ci.MemoryMib >= n.MemoryMib, $"the CI node is at least as large as {n.Name}"));
    }

    [Fact]
    public void GeneratedInventoryHasEveryNodeOfTheSettingsWithItsAddressInItsGroups()
    {
        var inventory = ClusterFiles.GenerateInventory(_temp.FullName);
        var groups = ParseIni(File.ReadAllLines(inventory));

        var hosts = groups["all"].ToDictionary(line => line.Split(' ')[0], line => line);
        Assert.Equal(_nodes.Select(n => n.Name), hosts.Keys);
        Assert.All(_nodes, n =>
        {
            Assert.Contains($" ansible_host={n.Ip} ", hosts[n.Name], StringComparison.Ordinal);
            Assert.Contains($" node_ip={n.Ip} ", hosts[n.Name], StringComparison.Ordinal);
        });
        Assert.Equal(_nodes.Where(n => n.Role == "control_plane").Select(n => n.Name), groups["control_plane"]);
        Assert.Equal(_nodes.Where(n => n.Role == "worker").Select(n => n.Name), groups["workers"]);
        Assert.Equal(_nodes.Where(n => n.Ci).Select(n => n.Name), groups["ci"]);
    }

    [Fact]
    public void AnsibleReadsTheGeneratedInventoryAsTheSettingsSay()
    {
        var inventory = ClusterFiles.GenerateInventory(_temp.FullName);

        var result = ClusterFiles.RunOk("ansible-inventory", ["-i", inventory, "--list"]);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        string[] Hosts(string group) => [.. root.GetProperty(group).GetProperty("hosts").EnumerateArray().Select(h => h.GetString()!)];

        Assert.Equal(_nodes.Where(n => n.Role == "control_plane").Select(n => n.Name), Hosts("control_plane"));
        Assert.Equal(_nodes.Where(n => n.Role == "worker").Select(n => n.Name), Hosts("workers"));
        Assert.Equal(_nodes.Where(n => n.Ci).Select(n => n.Name), Hosts("ci"));
        var hostVars = root.GetProperty("_meta").GetProperty("hostvars");
        Assert.All(_nodes, n => Assert.Equal(n.Ip, hostVars.GetProperty(n.Name).GetProperty("node_ip").GetString()));
    }

    [Fact]
    public void VagrantfileDefinesEveryNodeOfTheSettingsWithItsAddressAndSizeForBothProviders()
    {
        var vm = LoadVagrantfile().GetProperty("vm");
        var machines = vm.GetProperty("define");

        Assert.Equal(_nodes.Select(n => n.Name), machines.EnumerateObject().Select(m => m.Name));
        Assert.All(_nodes, n =>
        {
            var machine = machines.GetProperty(n.Name).GetProperty("vm");
            Assert.Equal(n.Name, machine.GetProperty("hostname").GetString());
            var network = Assert.Single(machine.GetProperty("network").EnumerateArray());
            Assert.Equal("private_network", network[0].GetString());
            Assert.Equal(n.Ip, network[1].GetProperty("ip").GetString());
            foreach (var provider in Providers)
            {
                var settings = machine.GetProperty("provider").GetProperty(provider);
                Assert.Equal(n.Cpus, settings.GetProperty("cpus").GetInt32());
                Assert.Equal(n.MemoryMib, settings.GetProperty("memory").GetInt32());
            }
        });
        Assert.Equal(ClusterFiles.Setting("box"), vm.GetProperty("box").GetString());
    }

    [Fact]
    public void VagrantProvisionsOnlyWithAnsibleOnceWithTheSameGroupsAsTheInventory()
    {
        var machines = LoadVagrantfile().GetProperty("vm").GetProperty("define").EnumerateObject().ToList();

        var provisioners = machines
            .Where(m => m.Value.GetProperty("vm").TryGetProperty("provision", out _))
            .SelectMany(m => m.Value.GetProperty("vm").GetProperty("provision").EnumerateObject())
            .ToList();
        var ansible = Assert.Single(provisioners);
        Assert.Equal("ansible", ansible.Name);
        Assert.Equal("site.yml", ansible.Value.GetProperty("playbook").GetString());
        Assert.Equal("all", ansible.Value.GetProperty("limit").GetString());
        var groups = ansible.Value.GetProperty("groups");
        string[] Members(string group) => [.. groups.GetProperty(group).EnumerateArray().Select(h => h.GetString()!)];
        Assert.Equal(_nodes.Where(n => n.Role == "control_plane").Select(n => n.Name), Members("control_plane"));
        Assert.Equal(_nodes.Where(n => n.Role == "worker").Select(n => n.Name), Members("workers"));
        Assert.Equal(_nodes.Where(n => n.Ci).Select(n => n.Name), Members("ci"));
        Assert.All(_nodes, n => Assert.Equal(n.Ip, ansible.Value.GetProperty("host_vars").GetProperty(n.Name).GetProperty("node_ip").GetString()));
    }

    [Fact]
    public void ReadmeTableOfVmResourcesIsTheSettings()
    {
        var rows = File.ReadAllLines(ClusterFiles.PathOf("README.md"))
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^\| `([^`]+)` \| [^|]+ \| ([\d.]+) \| (\d+) \| (\d+) GiB \|$"))
            .Where(m => m.Success)
            .Select(m => (Name: m.Groups[1].Value, Ip: m.Groups[2].Value, Cpus: int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture),
                MemoryMib: 1024 * int.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

        Assert.Equal(_nodes.Select(n => (n.Name, n.Ip, n.Cpus, n.MemoryMib)), rows);
    }

    private static JsonElement LoadVagrantfile()
    {
        var stub = ClusterFiles.Fixture("vagrant_stub.rb");
        var result = ClusterFiles.RunOk("ruby", [stub, ClusterFiles.PathOf("Vagrantfile")]);
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.Clone();
    }

    private static Dictionary<string, List<string>> ParseIni(IEnumerable<string> lines)
    {
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                groups[line[1..^1]] = current = [];
            }
            else
            {
                current?.Add(line);
            }
        }

        return groups;
    }
}
