using System.Globalization;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Admission;

/// <summary>The webhook's pods: availability, security, resources, probes, certificates and shutdown, for every profile.</summary>
public sealed class WorkloadTests
{
    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void TlsSecretIsMountedAsADirectoryNeverThroughSubPath(string profile)
    {
        var render = AdmissionChart.RenderProfile(profile).Succeeded();
        var tlsVolume = render.PodSpec["volumes"]!.AsArray().Single(v => v!["secret"] is not null)!;
        var mounts = render.AllContainers.SelectMany(c => c["volumeMounts"]!.AsArray()).ToList();
        var tlsMount = mounts.Single(m => (string)m!["name"]! == (string)tlsVolume["name"]!)!;

        var subPathMounts = mounts.Where(m => m!["subPath"] is not null || m["subPathExpr"] is not null).Select(m => m!.ToJsonString()).ToList();
        Assert.True(subPathMounts.Count == 0, "mounted through subPath (renewed certificates would never reach the pod): " + string.Join(", ", subPathMounts));
        Assert.Equal("/etc/shipshape/tls", (string?)tlsMount["mountPath"]);
        Assert.Equal("/etc/shipshape/tls/tls.crt", render.Env("Tls__CertificatePath"));
        Assert.Equal("/etc/shipshape/tls/tls.key", render.Env("Tls__KeyPath"));
        Assert.Equal($"{render.Objects.One("Service").Name()}-tls", (string?)tlsVolume["secret"]!["secretName"]);
    }

    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void GracePeriodExceedsDrainDelayPlusShutdownTimeout(string profile)
    {
        var render = AdmissionChart.RenderProfile(profile).Succeeded();
        var drainDelay = TimeSpan.Parse(render.Env("Admission__Shutdown__DrainDelay"), CultureInfo.InvariantCulture);
        var timeout = TimeSpan.Parse(render.Env("Admission__Shutdown__Timeout"), CultureInfo.InvariantCulture);
        var gracePeriod = TimeSpan.FromSeconds((int)render.PodSpec["terminationGracePeriodSeconds"]!);

        Assert.True(gracePeriod > drainDelay + timeout, $"grace period {gracePeriod} must exceed {drainDelay} + {timeout}");
    }

    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void EveryContainerRequestsCpuAndMemoryAndHasAMemoryLimit(string profile) =>
        PodAssertions.AssertRequestsAndMemoryLimit(AdmissionChart.RenderProfile(profile).Succeeded());

    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void PodAndEveryContainerRunRestricted(string profile)
    {
        var render = AdmissionChart.RenderProfile(profile).Succeeded();

        PodAssertions.AssertRestricted(render);
        Assert.Contains(render.PodSpec["volumes"]!.AsArray(), v => (string)v!["name"]! == "tmp" && v["emptyDir"] is not null);
        Assert.Contains(render.Container["volumeMounts"]!.AsArray(), m => (string)m!["mountPath"]! == "/tmp");
    }

    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void ServiceAccountTokenIsNeverMounted(string profile)
    {
        var render = AdmissionChart.RenderProfile(profile).Succeeded();

        Assert.False((bool?)render.PodSpec["automountServiceAccountToken"]);
        Assert.All(render.Objects.OfKind("ServiceAccount"), sa => Assert.False((bool?)sa["automountServiceAccountToken"]));
        Assert.Equal(render.Objects.One("ServiceAccount").Name(), (string?)render.PodSpec["serviceAccountName"]);
    }

    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void AtLeastTwoReplicasAndTheDisruptionBudgetLeavesRoomToDrain(string profile)
    {
        var render = AdmissionChart.RenderProfile(profile).Succeeded();
        var replicas = (int)render.Deployment["spec"]!["replicas"]!;
        var budget = render.Objects.One("PodDisruptionBudget")["spec"]!;

        Assert.True(replicas >= 2, $"replicas {replicas}");
        Assert.True(budget["minAvailable"] is null != budget["maxUnavailable"] is null, "exactly one of minAvailable and maxUnavailable");
        if (budget["minAvailable"] is { } minAvailable)
        {
            Assert.InRange((int)minAvailable, 1, replicas - 1);
        }
        else
        {
            Assert.True((int)budget["maxUnavailable"]! >= 1);
        }

        Assert.Equal(
            render.Deployment["spec"]!["selector"]!["matchLabels"]!.ToJsonString(),
            budget["selector"]!["matchLabels"]!.ToJsonString());
        Assert.Equal(0, (int?)render.Deployment["spec"]!["strategy"]!["rollingUpdate"]!["maxUnavailable"]);
    }

    [Fact]
    public void BudgetCanBeGivenAsMaxUnavailable()
    {
        var budget = AdmissionChart.RenderValues("""
            podDisruptionBudget:
              minAvailable: null
              maxUnavailable: 1
            """).Succeeded().Objects.One("PodDisruptionBudget")["spec"]!;

        Assert.Null(budget["minAvailable"]);
        Assert.Equal(1, (int?)budget["maxUnavailable"]);
    }

    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void PodsSpreadOverNodesAndZonesAndAvoidSharingANode(string profile) =>
        PodAssertions.AssertSpreadOverNodesAndZones(AdmissionChart.RenderProfile(profile).Succeeded());

    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void ProbesAskTheServerOverHttps(string profile)
    {
        var container = AdmissionChart.RenderProfile(profile).Succeeded().Container;

        foreach (var (probe, path) in new[] { ("startupProbe", "/healthz"), ("livenessProbe", "/healthz"), ("readinessProbe", "/readyz") })
        {
            var httpGet = container[probe]?["httpGet"];
            Assert.True(httpGet is not null, $"{probe} missing");
            Assert.Equal(("HTTPS", "https", path), ((string)httpGet["scheme"]!, (string)httpGet["port"]!, (string)httpGet["path"]!));
        }
    }

    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void ImageIsPinnedByTagOrDigestNeverLatest(string profile)
    {
        var image = (string)AdmissionChart.RenderProfile(profile).Succeeded().Container["image"]!;

        Assert.Matches(@"^shipshape/admission(:(?!latest$)[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$", image);
    }

    [Fact]
    public void ImageTagDefaultsToTheAppVersion() =>
        Assert.Equal("shipshape/admission:0.1.0", (string?)AdmissionChart.RenderProfile("default").Succeeded().Container["image"]);

    [Fact]
    public void PoliciesFromValuesAsObjectOrTextReachTheServerAndAChangeRollsThePods()
    {
        var builtIn = AdmissionChart.RenderProfile("default").Succeeded();
        var custom = AdmissionChart.RenderProfile("custom-policies").Succeeded();
        var asText = AdmissionChart.RenderValues("""
            policies: |
              policies:
                - id: image-tag
                  description: Images name a fixed version.
                  severity: medium
                  action: deny
                  check: imageTag
            """).Succeeded();
        static string Checksum(Render r) => (string)r.Deployment["spec"]!["template"]!["metadata"]!["annotations"]!["checksum/policies"]!;

        Assert.Empty(builtIn.Objects.OfKind("ConfigMap"));
        Assert.DoesNotContain(builtIn.Container["env"]!.AsArray(), e => (string)e!["name"]! == "Policies__Path");
        var configMap = custom.Objects.One("ConfigMap");
        Assert.Contains("check: resourceRequests", (string)configMap["data"]!["policies.yaml"]!, StringComparison.Ordinal);
        Assert.StartsWith("policies:\n  - id: image-tag\n", (string)asText.Objects.One("ConfigMap")["data"]!["policies.yaml"]!, StringComparison.Ordinal);
        Assert.Equal("/etc/shipshape/policies/policies.yaml", custom.Env("Policies__Path"));
        Assert.Contains(custom.PodSpec["volumes"]!.AsArray(), v => (string?)v!["configMap"]?["name"] == configMap.Name());
        Assert.Contains(custom.Container["volumeMounts"]!.AsArray(), m => (string)m!["mountPath"]! == "/etc/shipshape/policies");
        Assert.NotEqual(Checksum(builtIn), Checksum(custom));
        Assert.NotEqual(Checksum(custom), Checksum(asText));
    }

    [Fact]
    public void PodsGetTheChartsPriorityClassOrAnExistingOne()
    {
        var own = AdmissionChart.RenderProfile("default").Succeeded();
        var existing = AdmissionChart.RenderProfile("existing-issuer").Succeeded();

        var priorityClass = own.Objects.One("PriorityClass");
        Assert.Equal(priorityClass.Name(), (string?)own.PodSpec["priorityClassName"]);
        Assert.Equal(1000000, (int?)priorityClass["value"]);
        Assert.Empty(existing.Objects.OfKind("PriorityClass"));
        Assert.Equal("system-cluster-critical", (string?)existing.PodSpec["priorityClassName"]);
    }
}
