using Shipshape.Policy.Tests.Support;
using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Tests;

/// <summary>The readiness-probe check (a warning by default): only containers of long-running workloads.</summary>
public sealed class ReadinessProbeTests
{
    public static TheoryData<string, bool> KindsAndWhetherLongRunning
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var kind in Objects.Kinds)
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

        var decision = Engines.Decide(Objects.Workload(kind, PodSpecs.With(app)));

        Warnings.AssertOnly(decision, "readiness-probe", longRunning ? $"{kind} default/web: container \"app\" has no readiness probe" : null);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("Always", true)]
    [InlineData("OnFailure", false)]
    [InlineData("Never", false)]
    public void ReadinessProbeOnAPodDependsOnItsRestartPolicy(string? restartPolicy, bool warned)
    {
        var spec = PodSpecs.With(Containers.Compliant().Without("readinessProbe")).Set("restartPolicy", restartPolicy);

        var decision = Engines.Decide(Objects.Pod(spec));

        Warnings.AssertOnly(decision, "readiness-probe", warned ? "Pod default/web: container \"app\" has no readiness probe" : null);
    }

    [Theory]
    [InlineData(ContainerType.InitContainer, null)]
    [InlineData(ContainerType.InitContainer, "Always")]
    [InlineData(ContainerType.EphemeralContainer, null)]
    public void ReadinessProbeIsNotAskedOfInitOrEphemeralContainers(ContainerType type, string? restartPolicy)
    {
        var container = Containers.Compliant(type).Without("readinessProbe").Set("restartPolicy", restartPolicy);

        var decision = Engines.Decide(Objects.Deployment(PodSpecs.WithOne(type, container)));

        Warnings.AssertOnly(decision, "readiness-probe", null);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("Always", true)]
    public void ReadinessProbeIsOnlyAskedOfInitContainersThatAreSidecars(string? restartPolicy, bool warned)
    {
        // The API server refuses a readiness probe on an init container unless it is a native sidecar
        // (restartPolicy: Always), so a policy that lists initContainers can only ask it of sidecars.
        var engine = Engines.From("""
            policies:
              - id: readiness-probe
                action: warn
                check: readinessProbe
                containerTypes: [containers, initContainers]
            """);
        var migrate = Containers.Compliant(ContainerType.InitContainer).Without("readinessProbe").Set("restartPolicy", restartPolicy);

        var decision = engine.Decide(Objects.Deployment(PodSpecs.WithOne(ContainerType.InitContainer, migrate)));

        Warnings.AssertOnly(decision, "readiness-probe", warned ? "Deployment default/web: init container \"migrate\" has no readiness probe" : null);
    }
}
