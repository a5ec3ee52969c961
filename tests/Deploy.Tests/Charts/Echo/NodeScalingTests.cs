using System.Globalization;
using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Echo;

/// <summary>Nodes ahead of known peaks: pause pods scaled up before each peak, and Karpenter's NodePool (ci/keda-peak-values.yaml).</summary>
public sealed class NodeScalingTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static JsonObject Pause(Render render, string kind) =>
        render.Objects.OfKind(kind).Single(o => o.Name() == $"{render.Workload.Name()}-overprovisioning");

    /// <summary>Minutes after midnight of a cron expression whose minute and hour are plain numbers.</summary>
    private static int MinuteOfDay(string cron) =>
        cron.Split(' ') is [var minute, var hour, ..] ? (int.Parse(hour, CultureInfo.InvariantCulture) * 60) + int.Parse(minute, CultureInfo.InvariantCulture) : -1;

    private static string Days(string cron) => string.Join(' ', cron.Split(' ')[2..]);

    [Fact]
    public void PausePodsRankBelowEveryRealPodAndNeverPreempt()
    {
        var render = EchoChart.RenderValues("priorityClass: {create: true, value: 1000}", "keda-peak").Succeeded();
        var pauseClass = Pause(render, "PriorityClass");
        var echoClass = render.Objects.OfKind("PriorityClass").Single(c => c.Name() == (string?)render.PodSpec["priorityClassName"]);

        Assert.True((long)pauseClass["value"]! < 0, "negative, below pods without a class (0)");
        Assert.True((long)pauseClass["value"]! < (long)echoClass["value"]!);
        Assert.Equal(("Never", false), ((string)pauseClass["preemptionPolicy"]!, (bool)pauseClass["globalDefault"]!));
        Assert.Equal(pauseClass.Name(), (string?)Pause(render, "Deployment")["spec"]!["template"]!["spec"]!["priorityClassName"]);
    }

    [Fact]
    public void PausePodsAreRestrictedRequestRoomAndSpreadOverNodesLikeEcho()
    {
        var render = EchoChart.RenderProfile("keda-peak").Succeeded();
        var deployment = Pause(render, "Deployment");
        var pod = deployment["spec"]!["template"]!;
        var container = pod["spec"]!["containers"]!.AsArray().Single()!;
        var hostname = pod["spec"]!["topologySpreadConstraints"]!.AsArray().Single(c => (string?)c!["topologyKey"] == "kubernetes.io/hostname")!;

        Assert.False(deployment["spec"]!.AsObject().ContainsKey("replicas"), "KEDA owns the pause pods' count");
        Assert.Equal(("500m", "512Mi"), ((string)container["resources"]!["requests"]!["cpu"]!, (string)container["resources"]!["requests"]!["memory"]!));
        Assert.Equal((1, "DoNotSchedule"), ((int)hostname["maxSkew"]!, (string)hostname["whenUnsatisfiable"]!));
        Assert.All(hostname["labelSelector"]!["matchLabels"]!.AsObject(), l => Assert.Equal((string?)l.Value, (string?)pod["metadata"]!["labels"]![l.Key]));
        Assert.NotEqual(render.Workload["spec"]!["selector"]!.ToJsonString(), deployment["spec"]!["selector"]!.ToJsonString());
        Assert.True((bool?)pod["spec"]!["securityContext"]!["runAsNonRoot"]);
        Assert.False((bool?)pod["spec"]!["automountServiceAccountToken"]);
        Assert.True((bool?)container["securityContext"]!["readOnlyRootFilesystem"]);
        Assert.False((bool?)container["securityContext"]!["allowPrivilegeEscalation"]);
        Assert.Equal(["ALL"], container["securityContext"]!["capabilities"]!["drop"].Strings());
        Assert.Equal("RuntimeDefault", (string?)container["securityContext"]!["seccompProfile"]!["type"]);
    }

    [Theory]
    [InlineData("", 20)]
    [InlineData("nodeScaling: {overprovisioning: {leadTimeMinutes: 45}}", 45)]
    public void PauseScalerStartsLeadTimeBeforeEachPeakAndEndsWithIt(string values, int leadMinutes)
    {
        var render = EchoChart.RenderValues(values, "keda-peak").Succeeded();
        var peaks = EchoScaledObjectCrons(render);
        var pause = Pause(render, "ScaledObject")["spec"]!;
        var rooms = pause["triggers"]!.AsArray().Select(t => t!["metadata"]!).ToList();

        Assert.Equal(Pause(render, "Deployment").Name(), (string?)pause["scaleTargetRef"]!["name"]);
        Assert.Equal((0, 4), ((int)pause["minReplicaCount"]!, (int)pause["maxReplicaCount"]!));
        Assert.Equal(peaks.Count, rooms.Count);
        foreach (var (peak, room) in peaks.Zip(rooms))
        {
            Assert.Equal((string?)peak["timezone"], (string?)room["timezone"]);
            Assert.Equal(MinuteOfDay((string)peak["start"]!) - leadMinutes, MinuteOfDay((string)room["start"]!));
            Assert.Equal(Days((string)peak["start"]!), Days((string)room["start"]!));
            Assert.Equal((string?)peak["end"], (string?)room["end"]);
            Assert.Equal("4", (string?)room["desiredReplicas"]);
        }
    }

    private static List<JsonNode> EchoScaledObjectCrons(Render render) =>
        [.. render.Objects.OfKind("ScaledObject").Single(s => s.Name() == render.Workload.Name())["spec"]!["triggers"]!.AsArray()
            .Where(t => (string?)t!["type"] == "cron").Select(t => t!["metadata"]!)];

    [Fact]
    public void KarpentersPeakBudgetsCoverEachPeakWithItsLeadTimeInSummerAndWinter()
    {
        var render = EchoChart.RenderProfile("keda-peak").Succeeded();
        var budgets = render.Objects.One("NodePool")["spec"]!["disruption"]!["budgets"]!.AsArray();
        var windows = budgets.Where(b => b!["schedule"] is not null).Select(b => b!).ToList();

        Assert.All(windows, w => Assert.Equal("0", (string?)w["nodes"]));
        foreach (var room in Pause(render, "ScaledObject")["spec"]!["triggers"]!.AsArray().Select(t => t!["metadata"]!))
        {
            foreach (var day in new DateTime[] { new(2026, 1, 14), new(2026, 7, 15) })
            {
                var from = TimeZoneInfo.ConvertTimeToUtc(day.AddMinutes(MinuteOfDay((string)room["start"]!)), Paris);
                var to = TimeZoneInfo.ConvertTimeToUtc(day.AddMinutes(MinuteOfDay((string)room["end"]!)), Paris);
                Assert.Contains(windows, w =>
                {
                    var start = day.AddMinutes(MinuteOfDay((string)w["schedule"]!));
                    return start <= from && to <= start + System.Xml.XmlConvert.ToTimeSpan($"PT{((string)w["duration"]!).ToUpperInvariant()}");
                });
            }
        }
    }

    [Fact]
    public void NodePoolUsesTheEc2NodeClassItRendersAndConsolidatesOutsideThePeaks()
    {
        var render = EchoChart.RenderProfile("keda-peak").Succeeded();
        var pool = render.Objects.One("NodePool")["spec"]!;
        var nodeClass = render.Objects.One("EC2NodeClass");
        var reference = pool["template"]!["spec"]!["nodeClassRef"]!;
        var requirements = pool["template"]!["spec"]!["requirements"]!.AsArray().ToDictionary(r => (string)r!["key"]!, r => r!["values"].Strings());

        Assert.Equal(("karpenter.k8s.aws", "EC2NodeClass", nodeClass.Name()), ((string)reference["group"]!, (string)reference["kind"]!, (string)reference["name"]!));
        Assert.Equal(["amd64", "arm64"], requirements["kubernetes.io/arch"]);
        Assert.Equal(["on-demand"], requirements["karpenter.sh/capacity-type"]);
        Assert.Equal(["c", "m", "r"], requirements["karpenter.k8s.aws/instance-category"]);
        Assert.Equal("WhenEmptyOrUnderutilized", (string?)pool["disruption"]!["consolidationPolicy"]);
        Assert.Contains(pool["disruption"]!["budgets"]!.AsArray(), b => b!["schedule"] is null && (string?)b["nodes"] == "10%");
        Assert.Equal(("96", "384Gi"), ((string)pool["limits"]!["cpu"]!, (string)pool["limits"]!["memory"]!));
    }

    [Fact]
    public void Ec2NodeClassFindsTheClustersSubnetsAndRequiresImdsV2()
    {
        var spec = EchoChart.RenderProfile("keda-peak").Succeeded().Objects.One("EC2NodeClass")["spec"]!;

        Assert.Equal("KarpenterNodeRole-shipshape", (string?)spec["role"]);
        Assert.Equal("al2023@latest", (string?)spec["amiSelectorTerms"]![0]!["alias"]);
        Assert.Equal("shipshape", (string?)spec["subnetSelectorTerms"]![0]!["tags"]!["karpenter.sh/discovery"]);
        Assert.Equal("shipshape", (string?)spec["securityGroupSelectorTerms"]![0]!["tags"]!["karpenter.sh/discovery"]);
        Assert.Equal(("required", 1), ((string)spec["metadataOptions"]!["httpTokens"]!, (int)spec["metadataOptions"]!["httpPutResponseHopLimit"]!));
    }

    [Theory]
    [InlineData("nodeScaling: {karpenter: {clusterName: ''}}", "nodeScaling.karpenter.clusterName: the EKS cluster's name is required")]
    [InlineData("nodeScaling: {karpenter: {role: ''}}", "nodeScaling.karpenter.role: the IAM role of the nodes")]
    [InlineData("{priorityClass: {create: true, value: -20}}", "priorityClassValue (-10) must be below Echo's priority (-20)")]
    [InlineData("autoscaling: {keda: {peaks: [{name: early, start: '10 0 * * *', end: '0 2 * * *', desiredReplicas: 8}]}}", "less than leadTimeMinutes (20) after midnight")]
    [InlineData("autoscaling: {keda: {peaks: [{name: often, start: '*/30 9 * * *', end: '0 12 * * *', desiredReplicas: 8}]}}", "set nodeScaling.overprovisioning.schedules for it")]
    [InlineData("autoscaling: {keda: {peaks: []}}", "nodeScaling.overprovisioning: no window to hold room in")]
    public void TemplatesRefuseNodeScalingThatCouldNotWork(string values, string message)
    {
        var render = EchoChart.RenderValues(values, "keda-peak");

        Assert.False(render.Succeeded);
        Assert.Contains(message, render.Result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nodeScaling: {overprovisioning: {priorityClassValue: 0}}", "at '/nodeScaling/overprovisioning/priorityClassValue': maximum: got 0, want -1")]
    [InlineData("nodeScaling: {overprovisioning: {replica: 3}}", "at '/nodeScaling/overprovisioning': additional properties 'replica' not allowed")]
    [InlineData("nodeScaling: {karpenter: {amiAlias: al2023}}", "at '/nodeScaling/karpenter/amiAlias'")]
    [InlineData("nodeScaling: {karpenter: {capacityTypes: [cheap]}}", "at '/nodeScaling/karpenter/capacityTypes/0'")]
    [InlineData("nodeScaling: {karpenter: {peakWindows: [{name: lunch, schedule: '0 9 * * *'}]}}", "missing property 'duration'")]
    public void SchemaRefusesWrongNodeScalingValues(string values, string message) =>
        ChartChecks.AssertRejected(EchoChart.Chart, values, ChartChecks.SchemaRejection, message);
}
