using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Echo;

/// <summary>Echo's pods, for every profile: the spread, the replica count's owner, probes, shutdown, security.</summary>
public sealed class WorkloadTests
{
    [Theory]
    [MemberData(nameof(EchoChart.Profiles), MemberType = typeof(EchoChart))]
    public void PodsSpreadTwoAndTwoOverNodesWithAHardConstraintAndOverZonesWhenPossible(string profile) =>
        PodAssertions.AssertSpreadOverNodesAndZones(EchoChart.RenderProfile(profile).Succeeded());

    [Theory]
    [MemberData(nameof(EchoChart.Profiles), MemberType = typeof(EchoChart))]
    public void PodAndEveryContainerRunRestricted(string profile) =>
        PodAssertions.AssertRestricted(EchoChart.RenderProfile(profile).Succeeded());

    [Theory]
    [MemberData(nameof(EchoChart.Profiles), MemberType = typeof(EchoChart))]
    public void EveryContainerRequestsCpuAndMemoryAndHasAMemoryLimit(string profile) =>
        PodAssertions.AssertRequestsAndMemoryLimit(EchoChart.RenderProfile(profile).Succeeded());

    [Theory]
    [InlineData("autoscaling: {hpa: {enabled: true}}", "HorizontalPodAutoscaler")]
    [InlineData("autoscaling: {hpa: {enabled: false}, keda: {enabled: true}}", null)]
    [InlineData("{canary: {enabled: true}, autoscaling: {hpa: {enabled: true}}}", "HorizontalPodAutoscaler")]
    [InlineData("{canary: {enabled: true}, autoscaling: {hpa: {enabled: false}, keda: {enabled: true}}}", null)]
    public void WorkloadHasNoReplicasFieldWhenAnAutoscalerOwnsTheCount(string values, string? autoscalerKind)
    {
        var render = EchoChart.RenderValues(values).Succeeded();

        Assert.False(render.Workload["spec"]!.AsObject().ContainsKey("replicas"), $"{render.Workload.Kind()} sets replicas under an autoscaler");
        if (autoscalerKind is not null)
        {
            var hpa = render.Objects.One(autoscalerKind)["spec"]!;
            Assert.Equal((render.Workload.Kind(), render.Workload.Name()), ((string)hpa["scaleTargetRef"]!["kind"]!, (string)hpa["scaleTargetRef"]!["name"]!));
            Assert.True((int)hpa["minReplicas"]! >= 4);
        }
        else
        {
            // KEDA's ScaledObject (another template) makes the HPA; the chart must not add a second one.
            Assert.Empty(render.Objects.OfKind("HorizontalPodAutoscaler"));
        }
    }

    [Theory]
    [InlineData("default")]
    [InlineData("canary")]
    public void WorkloadSetsReplicasWhenNoAutoscalerIsOn(string profile)
    {
        var render = EchoChart.RenderValues("autoscaling: {hpa: {enabled: false}, keda: {enabled: false}}", profile).Succeeded();

        Assert.Equal(4, (int?)render.Workload["spec"]!["replicas"]);
        Assert.Empty(render.Objects.OfKind("HorizontalPodAutoscaler"));
    }

    [Theory]
    [MemberData(nameof(EchoChart.Profiles), MemberType = typeof(EchoChart))]
    public void DisruptionBudgetSetsExactlyOneFieldAndLeavesRoomToDrain(string profile)
    {
        var render = EchoChart.RenderProfile(profile).Succeeded();
        var budget = render.Objects.One("PodDisruptionBudget")["spec"]!;
        var fewestPods = (int?)render.Workload["spec"]!["replicas"]
            ?? (int?)render.Objects.OfKind("HorizontalPodAutoscaler").SingleOrDefault()?["spec"]?["minReplicas"]
            ?? (int?)render.Objects.OfKind("ScaledObject").SingleOrDefault(s => (string?)s["spec"]?["scaleTargetRef"]?["name"] == render.Workload.Name())?["spec"]?["minReplicaCount"]
            ?? 4;

        Assert.True(budget["minAvailable"] is null != budget["maxUnavailable"] is null, "exactly one of minAvailable and maxUnavailable");
        if (budget["minAvailable"] is { } minAvailable)
        {
            Assert.InRange((int)minAvailable, 1, fewestPods - 1);
        }
        else
        {
            Assert.True((int)budget["maxUnavailable"]! >= 1);
        }

        Assert.Equal(render.Workload["spec"]!["selector"]!["matchLabels"]!.ToJsonString(), budget["selector"]!["matchLabels"]!.ToJsonString());
    }

    [Theory]
    [InlineData("default", "http", 8080)]
    [InlineData("canary", "management", 9090)]
    public void ProbesAskHealthzAndReadyzOnThePortThatServesThem(string profile, string portName, int port)
    {
        var render = EchoChart.RenderProfile(profile).Succeeded();
        var echo = render.Echo;

        foreach (var (probe, path) in new[] { ("startupProbe", "/healthz"), ("livenessProbe", "/healthz"), ("readinessProbe", "/readyz") })
        {
            var httpGet = echo[probe]?["httpGet"];
            Assert.True(httpGet is not null, $"{probe} missing");
            Assert.Equal((path, portName), ((string)httpGet["path"]!, (string)httpGet["port"]!));
        }

        Assert.Contains(echo["ports"]!.AsArray(), p => (string?)p!["name"] == portName && (int?)p["containerPort"] == port);
        Assert.Equal(portName == "http" ? null : $"http://+:{port}", render.Setting("Echo__ManagementUrls"));
        Assert.Equal("http://+:8080", EchoChart.EnvValue(echo, "ASPNETCORE_URLS"));
        Assert.Null(echo["lifecycle"]);
    }

    [Theory]
    [MemberData(nameof(EchoChart.Profiles), MemberType = typeof(EchoChart))]
    public void GracePeriodExceedsEchosShutdownTimeoutAndTheArchiversAfterIt(string profile)
    {
        var render = EchoChart.RenderProfile(profile).Succeeded();
        var gracePeriod = TimeSpan.FromSeconds((int)render.PodSpec["terminationGracePeriodSeconds"]!);
        var archiverTimeout = render.Archiver is { } archiver
            ? TimeSpan.Parse(EchoChart.EnvValue(archiver, "Archive__Shutdown__Timeout")!, System.Globalization.CultureInfo.InvariantCulture)
            : TimeSpan.Zero;

        Assert.True(gracePeriod > render.EchoShutdownTimeout + archiverTimeout, $"grace period {gracePeriod} must exceed {render.EchoShutdownTimeout} + {archiverTimeout}");
    }

    [Theory]
    [MemberData(nameof(EchoChart.Profiles), MemberType = typeof(EchoChart))]
    public void ServiceAccountTokenIsNeverMounted(string profile)
    {
        var render = EchoChart.RenderProfile(profile).Succeeded();

        Assert.False((bool?)render.PodSpec["automountServiceAccountToken"]);
        Assert.False((bool?)render.Objects.One("ServiceAccount")["automountServiceAccountToken"]);
        Assert.Equal(render.Objects.One("ServiceAccount").Name(), (string?)render.PodSpec["serviceAccountName"]);
        Assert.All(render.Objects.OfKind("Pod"), pod => Assert.False((bool?)pod["spec"]!["automountServiceAccountToken"]));
    }

    [Theory]
    [MemberData(nameof(EchoChart.Profiles), MemberType = typeof(EchoChart))]
    public void ServiceSelectsThePodsAndHelmTestCallsReadyzThroughIt(string profile)
    {
        var render = EchoChart.RenderProfile(profile).Succeeded();
        var service = render.Objects.OfKind("Service").Single(s => s.Name() == render.Workload.Name());
        var test = render.Objects.One("Pod");
        var command = string.Join(' ', test["spec"]!["containers"]!.AsArray().Single()!["command"].Strings());
        var healthPort = (string)render.Echo["readinessProbe"]!["httpGet"]!["port"]!;
        var servicePort = service["spec"]!["ports"]!.AsArray().Single(p => (string?)p!["targetPort"] == healthPort)!;

        Assert.Equal(render.Workload["spec"]!["selector"]!["matchLabels"]!.ToJsonString(), service["spec"]!["selector"]!.ToJsonString());
        Assert.Equal("test", (string?)test["metadata"]!["annotations"]!["helm.sh/hook"]);
        Assert.EndsWith($"http://{service.Name()}.{EchoChart.DefaultNamespace}.svc:{(int)servicePort["port"]!}/readyz", command, StringComparison.Ordinal);
    }
}
