namespace Shipshape.Deploy.Tests.Support;

/// <summary>What every chart's pods must do, asserted on a render: the restricted security context and the spread.</summary>
public static class PodAssertions
{
    /// <summary>Pod and every container (init containers included) run restricted: non-root uid/gid 10001,
    /// read-only root, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp.</summary>
    public static void AssertRestricted(Render render)
    {
        var pod = render.PodSpec["securityContext"]!;

        Assert.True((bool?)pod["runAsNonRoot"]);
        Assert.Equal(10001, (int?)pod["runAsUser"]);
        Assert.Equal(10001, (int?)pod["runAsGroup"]);
        Assert.Equal("RuntimeDefault", (string?)pod["seccompProfile"]?["type"]);
        Assert.All(render.AllContainers, c =>
        {
            var container = c["securityContext"]!;
            Assert.True((bool?)container["runAsNonRoot"]);
            Assert.Equal(10001, (int?)container["runAsUser"]);
            Assert.Equal(10001, (int?)container["runAsGroup"]);
            Assert.True((bool?)container["readOnlyRootFilesystem"]);
            Assert.False((bool?)container["allowPrivilegeEscalation"]);
            Assert.NotEqual(true, (bool?)container["privileged"]);
            Assert.Equal(["ALL"], container["capabilities"]?["drop"].Strings());
            Assert.Null(container["capabilities"]?["add"]);
            Assert.Equal("RuntimeDefault", (string?)container["seccompProfile"]?["type"]);
        });
    }

    /// <summary>Pods spread over nodes (hostname, maxSkew 1, DoNotSchedule), over zones (ScheduleAnyway), and
    /// prefer not to share a node (soft anti-affinity only), all selecting the workload's own pods.</summary>
    public static void AssertSpreadOverNodesAndZones(Render render)
    {
        var selector = render.Workload["spec"]!["selector"]!["matchLabels"]!.ToJsonString();
        var constraints = render.PodSpec["topologySpreadConstraints"]!.AsArray();
        var hostname = constraints.Single(c => (string)c!["topologyKey"]! == "kubernetes.io/hostname")!;
        var zone = constraints.Single(c => (string)c!["topologyKey"]! == "topology.kubernetes.io/zone")!;
        var antiAffinity = render.PodSpec["affinity"]!["podAntiAffinity"]!;

        Assert.Equal((1, "DoNotSchedule"), ((int)hostname["maxSkew"]!, (string)hostname["whenUnsatisfiable"]!));
        Assert.Equal("ScheduleAnyway", (string?)zone["whenUnsatisfiable"]);
        Assert.All(constraints, c => Assert.Equal(selector, c!["labelSelector"]!["matchLabels"]!.ToJsonString()));
        Assert.Null(antiAffinity["requiredDuringSchedulingIgnoredDuringExecution"]);
        var preferred = antiAffinity["preferredDuringSchedulingIgnoredDuringExecution"]!.AsArray().Single()!["podAffinityTerm"]!;
        Assert.Equal("kubernetes.io/hostname", (string?)preferred["topologyKey"]);
        Assert.Equal(selector, preferred["labelSelector"]!["matchLabels"]!.ToJsonString());
    }

    /// <summary>Every container requests cpu and memory and has a memory limit.</summary>
    public static void AssertRequestsAndMemoryLimit(Render render) =>
        Assert.All(render.AllContainers, c =>
        {
            var resources = c["resources"]!;
            Assert.False(string.IsNullOrEmpty((string?)resources["requests"]?["cpu"]), "cpu request");
            Assert.False(string.IsNullOrEmpty((string?)resources["requests"]?["memory"]), "memory request");
            Assert.False(string.IsNullOrEmpty((string?)resources["limits"]?["memory"]), "memory limit");
        });
}
