using System.Text.Json.Nodes;
using Shipshape.Policy.Policies;
using Shipshape.Policy.Tests.Support;
using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Tests;

/// <summary>The checks that ship as warnings: each message exact, the object admitted.</summary>
public sealed class WarnChecksTests
{
    [Theory]
    [InlineData(null, "has no memory limit")]
    [InlineData("cpu=1", "has no memory limit")]
    [InlineData("memory=256Mi", null)]
    [InlineData("cpu=1,memory=256Mi", null)]
    public void MemoryLimit(string? limits, string? finding)
    {
        var app = Containers.Compliant();
        app.Set("resources.limits", limits is null ? null : Json.Map([.. limits.Split(',').Select(l => (l.Split('=')[0], l.Split('=')[1]))]));

        var decision = Engines.Decide(Manifests.Deployment(PodSpecs.With(app)));

        AssertWarning(decision, "memory-limit", finding is null ? null : $"Deployment default/web: container \"app\" {finding}");
    }

    [Fact]
    public void MemoryLimitIsAlsoAskedOfInitContainers()
    {
        var migrate = Containers.Compliant(ContainerType.InitContainer).Without("resources.limits");

        var decision = Engines.Decide(Manifests.StatefulSet(PodSpecs.WithOne(ContainerType.InitContainer, migrate)));

        AssertWarning(decision, "memory-limit", "StatefulSet default/web: init container \"migrate\" has no memory limit");
    }

    [Theory]
    [InlineData("nginx", "image \"nginx\" has no tag (it means :latest)")]
    [InlineData("nginx:latest", "image \"nginx:latest\" uses the :latest tag")]
    [InlineData("docker.io/library/nginx", "image \"docker.io/library/nginx\" has no tag (it means :latest)")]
    [InlineData("registry:5000/app", "image \"registry:5000/app\" has no tag (it means :latest)")]
    [InlineData("registry:5000/app:latest", "image \"registry:5000/app:latest\" uses the :latest tag")]
    [InlineData("registry:5000/team/app:1.2", null)]
    [InlineData("registry:5000/app:1.2", null)]
    [InlineData("nginx:1.27", null)]
    [InlineData("nginx:latest-alpine", null)]
    [InlineData("app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)]
    [InlineData("registry:5000/app:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)]
    [InlineData("", "has no image")]
    [InlineData(null, "has no image")]
    public void ImageTag(string? image, string? finding)
    {
        var app = Containers.Compliant().Set("image", image);

        var decision = Engines.Decide(Manifests.Deployment(PodSpecs.With(app)));

        AssertWarning(decision, "image-tag", finding is null ? null : $"Deployment default/web: container \"app\" {finding}");
    }

    [Theory]
    [InlineData(ContainerType.InitContainer)]
    [InlineData(ContainerType.EphemeralContainer)]
    public void ImageTagIsAskedOfEveryContainerType(ContainerType type)
    {
        var container = Containers.Compliant(type).Set("image", "busybox");

        var decision = Engines.Decide(Manifests.Pod(PodSpecs.WithOne(type, container)));

        AssertWarning(decision, "image-tag", $"Pod default/web: {Phrases.Container(type)} image \"busybox\" has no tag (it means :latest)");
    }

    [Theory]
    [InlineData(ContainerType.Container, true, true)]
    [InlineData(ContainerType.Container, false, false)]
    [InlineData(ContainerType.InitContainer, true, true)]
    [InlineData(ContainerType.EphemeralContainer, true, true)]
    public void Privileged(ContainerType type, bool privileged, bool warned)
    {
        var container = Containers.Compliant(type).Set("securityContext.privileged", privileged);

        var decision = Engines.Decide(Manifests.DaemonSet(PodSpecs.WithOne(type, container)));

        AssertWarning(decision, "privileged", warned ? $"DaemonSet default/web: {Phrases.Container(type)} runs privileged" : null);
    }

    private const string Root = "runs as root (runAsUser: 0)";
    private const string MayBeRoot = "may run as root (set runAsNonRoot: true or a non-zero runAsUser)";

    [Theory]
    [InlineData("{}", "{}", MayBeRoot)]
    [InlineData("{\"runAsUser\":0}", "{}", Root)]
    [InlineData("{}", "{\"runAsUser\":0}", Root)]
    [InlineData("{\"runAsUser\":0}", "{\"runAsUser\":1000}", null)]
    [InlineData("{\"runAsUser\":1000}", "{\"runAsUser\":0}", Root)]
    [InlineData("{\"runAsUser\":1000}", "{}", null)]
    [InlineData("{}", "{\"runAsNonRoot\":true}", null)]
    [InlineData("{\"runAsNonRoot\":true}", "{}", null)]
    [InlineData("{\"runAsNonRoot\":true}", "{\"runAsNonRoot\":false}", MayBeRoot)]
    [InlineData("{\"runAsNonRoot\":false}", "{\"runAsNonRoot\":true}", null)]
    [InlineData("{\"runAsNonRoot\":true}", "{\"runAsUser\":0}", Root)]
    [InlineData("{}", "{\"runAsUser\":0,\"runAsNonRoot\":true}", Root)]
    [InlineData("null", "null", MayBeRoot)]
    public void RunAsNonRoot(string podContext, string containerContext, string? finding)
    {
        var app = Containers.Compliant().Set("securityContext", JsonNode.Parse(containerContext));
        var spec = PodSpecs.With(app).Set("securityContext", JsonNode.Parse(podContext));

        var decision = Engines.Decide(Manifests.Deployment(spec));

        AssertWarning(decision, "run-as-non-root", finding is null ? null : $"Deployment default/web: container \"app\" {finding}");
    }

    [Fact]
    public void RunAsNonRootIsAskedOfInitContainersUnderThePodContext()
    {
        var migrate = Containers.Compliant(ContainerType.InitContainer).Without("securityContext");
        var spec = PodSpecs.WithOne(ContainerType.InitContainer, migrate).Set("securityContext", new JsonObject { ["runAsUser"] = 0 });
        ((JsonObject)spec["containers"]![0]!).Set("securityContext", new JsonObject { ["runAsUser"] = 1000 });

        var decision = Engines.Decide(Manifests.Deployment(spec));

        AssertWarning(decision, "run-as-non-root", "Deployment default/web: init container \"migrate\" runs as root (runAsUser: 0)");
    }

    public static TheoryData<string, bool> KindsAndWhetherLongRunning
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var kind in Manifests.Kinds)
            {
                data.Add(kind.Kind, kind.LongRunning);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndWhetherLongRunning))]
    public void ReadinessProbeIsAskedOfLongRunningWorkloadsOnly(string kind, bool longRunning)
    {
        var app = Containers.Compliant().Without("readinessProbe");

        var decision = Engines.Decide(Manifests.Workload(kind, PodSpecs.With(app)));

        AssertWarning(decision, "readiness-probe", longRunning ? $"{kind} default/web: container \"app\" has no readiness probe" : null);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("Always", true)]
    [InlineData("OnFailure", false)]
    [InlineData("Never", false)]
    public void ReadinessProbeOnAPodDependsOnItsRestartPolicy(string? restartPolicy, bool warned)
    {
        var spec = PodSpecs.With(Containers.Compliant().Without("readinessProbe")).Set("restartPolicy", restartPolicy);

        var decision = Engines.Decide(Manifests.Pod(spec));

        AssertWarning(decision, "readiness-probe", warned ? "Pod default/web: container \"app\" has no readiness probe" : null);
    }

    [Theory]
    [InlineData(ContainerType.InitContainer, null)]
    [InlineData(ContainerType.InitContainer, "Always")]
    [InlineData(ContainerType.EphemeralContainer, null)]
    public void ReadinessProbeIsNotAskedOfInitOrEphemeralContainers(ContainerType type, string? restartPolicy)
    {
        var container = Containers.Compliant(type).Without("readinessProbe").Set("restartPolicy", restartPolicy);

        var decision = Engines.Decide(Manifests.Deployment(PodSpecs.WithOne(type, container)));

        AssertWarning(decision, "readiness-probe", null);
    }

    /// <summary>Exactly this warning (or none) from the policy, and the object admitted.</summary>
    private static void AssertWarning(Decisions.Decision decision, string policyId, string? message)
    {
        var violations = decision.Violations.Where(v => v.PolicyId == policyId).ToArray();
        if (message is null)
        {
            Assert.Empty(violations);
        }
        else
        {
            var violation = Assert.Single(violations);
            Assert.Equal(message, violation.Message);
            Assert.Equal(PolicyAction.Warn, violation.Action);
        }
        Assert.True(decision.Allowed);
        Assert.DoesNotContain(decision.Violations, v => v.PolicyId != policyId);
    }
}
