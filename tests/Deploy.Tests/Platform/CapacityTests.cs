using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Cluster;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>
/// The add-ons fit the VMs of deploy/cluster/settings.yaml: what our values and manifests request (one replica of each,
/// a lower bound: charts add containers and replicas of their own) stays within the general workers' size less a
/// quarter for the kubelet, the system, DaemonSets the charts add and Echo itself. Jenkins has the CI node to itself.
/// </summary>
[Collection(PlatformRenderingGroup.Name)]
public sealed class CapacityTests(PlatformRendering rendering)
{
    private const double Headroom = 0.75;

    [Fact]
    public void TheAddOnsRequestsFitTheGeneralWorkersWithAQuarterToSpare()
    {
        var workers = ClusterFiles.Nodes().Where(n => n.Role == "worker" && !n.Ci).ToList();
        var steps = rendering.Steps.Where(s => s.InstalledHere && s.Name != "jenkins").ToList();
        var requests = steps.SelectMany(s => Requests(new JsonArray(s.Values?.DeepClone(), new JsonArray([.. s.Manifests.Select(m => m.DeepClone())])))).ToList();

        var cpu = requests.Sum(r => r["cpu"] is { } c ? Quantity.Cores(c.ToString()) : 0);
        var memory = requests.Sum(r => r["memory"] is { } m ? Quantity.Mebibytes(m.ToString()) : 0);

        Assert.True(requests.Count > 20, $"only {requests.Count} requests found");
        Assert.True(cpu <= workers.Sum(w => w.Cpus) * Headroom, $"{cpu:0.00} cores requested; the general workers have {workers.Sum(w => w.Cpus)}");
        Assert.True(memory <= workers.Sum(w => w.MemoryMib) * Headroom, $"{memory:0} MiB requested; the general workers have {workers.Sum(w => w.MemoryMib)}");
    }

    /// <summary>Every <c>requests</c> map of resources anywhere in the tree.</summary>
    private static IEnumerable<JsonObject> Requests(JsonNode? node) => node switch
    {
        JsonObject map => map.SelectMany(p => p.Key == "requests" && p.Value is JsonObject r && (r.ContainsKey("cpu") || r.ContainsKey("memory"))
            ? [r]
            : Requests(p.Value)),
        JsonArray list => list.SelectMany(Requests),
        _ => [],
    };
}
