using System.Text.Json.Nodes;
using Shipshape.Policy.Tests.Support;
using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Tests;

/// <summary>The central policy: every judged container requests each required resource, above zero.</summary>
public sealed class ResourceRequestsTests
{
    /// <summary>The default resource-requests policy, with ephemeral containers judged too (a policy file may ask for that).</summary>
    private static readonly PolicyEngine WithEphemeral = Engines.From("""
        policies:
          - id: resource-requests
            severity: high
            action: deny
            check: resourceRequests
            containerTypes: [containers, initContainers, ephemeralContainers]
        """);

    // requests: "resource=quantity" pairs separated by ','; "" is an empty requests map; null leaves out resources altogether.
    private static readonly (string Case, string? Requests, string[] Findings)[] RequestCases =
    [
        ("both present", "cpu=100m,memory=128Mi", []),
        ("cpu missing", "memory=128Mi", ["has no cpu request"]),
        ("cpu only", "cpu=100m", ["has no memory request"]),
        ("empty requests", "", ["has no cpu request", "has no memory request"]),
        ("no resources", null, ["has no cpu request", "has no memory request"]),
        ("zero memory", "cpu=100m,memory=0", ["has a zero memory request"]),
        ("zero cpu", "cpu=0m,memory=128Mi", ["has a zero cpu request"]),
    ];

    /// <summary>Every kind × every container type × every request case.</summary>
    public static TheoryData<string, ContainerType, string, string?, string[]> Cases
    {
        get
        {
            var data = new TheoryData<string, ContainerType, string, string?, string[]>();
            foreach (var kind in Objects.Kinds)
            {
                foreach (var type in Enum.GetValues<ContainerType>())
                {
                    foreach (var (name, requests, findings) in RequestCases)
                    {
                        data.Add(kind.Kind, type, name, requests, findings);
                    }
                }
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryContainerTypeOfEveryKindIsJudged(string kind, ContainerType type, string @case, string? requests, string[] findings)
    {
        _ = @case; // only names the case in the test list
        var manifest = Objects.Workload(kind, PodSpecs.WithOne(type, WithRequests(Containers.Compliant(type), requests)));
        // Regular and init containers under the policies that ship; ephemeral ones under a file that adds them.
        var engine = type == ContainerType.EphemeralContainer ? WithEphemeral : Engines.Default;

        var decision = engine.Decide(manifest);

        Assert.Equal([.. findings.Select(f => $"{kind} default/web: {Phrases.Container(type)} {f}")], decision.Messages("resource-requests"));
        Assert.Equal(findings.Length == 0, decision.Allowed);
    }

    public static TheoryData<string> Kinds => [.. Objects.Kinds.Select(k => k.Kind)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DefaultPoliciesLeaveEphemeralContainersWithoutRequestsAlone(string kind)
    {
        // The API server refuses resources on ephemeral containers, so the default policy must not ask for them.
        var debugger = Containers.Compliant(ContainerType.EphemeralContainer).Without("resources");
        var manifest = Objects.Workload(kind, PodSpecs.WithOne(ContainerType.EphemeralContainer, debugger));

        var decision = Engines.Decide(manifest);

        Assert.Empty(decision.Violations);
        Assert.True(decision.Allowed);
    }

    [Fact]
    public void InitContainerWithoutMemoryRequestIsNamedInTheDenial()
    {
        var migrate = Containers.Compliant("migrate").WithRequests(("cpu", "50m"));
        var manifest = Objects.Deployment(PodSpecs.Compliant().Set("initContainers", new JsonArray(migrate)));

        var decision = Engines.Decide(manifest);

        Assert.False(decision.Allowed);
        var denial = Assert.Single(decision.Denials);
        Assert.Equal("resource-requests", denial.PolicyId);
        Assert.Equal("migrate", denial.Container);
        Assert.Equal("Deployment default/web: init container \"migrate\" has no memory request", denial.Message);
    }

    [Fact]
    public void CpuOnlyRequestsAreDeniedForMemory()
    {
        var manifest = Objects.Deployment(PodSpecs.With(Containers.Compliant().WithRequests(("cpu", "250m"))));

        var decision = Engines.Decide(manifest);

        Assert.False(decision.Allowed);
        Assert.Equal(["Deployment default/web: container \"app\" has no memory request"], decision.Messages("resource-requests"));
    }

    [Fact]
    public void EveryOffendingContainerIsNamedInitContainersFirst()
    {
        var spec = PodSpecs.With(Containers.Compliant("app").WithRequests(("cpu", "1")), Containers.Compliant("sidecar").WithRequests())
            .Set("initContainers", new JsonArray(Containers.Compliant("migrate").WithRequests(("memory", "64Mi"))));

        var decision = Engines.Decide(Objects.Deployment(spec));

        Assert.Equal(
        [
            "Deployment default/web: init container \"migrate\" has no cpu request",
            "Deployment default/web: container \"app\" has no memory request",
            "Deployment default/web: container \"sidecar\" has no cpu request",
            "Deployment default/web: container \"sidecar\" has no memory request",
        ], decision.Messages("resource-requests"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0m")]
    [InlineData("0Mi")]
    [InlineData("0.0")]
    [InlineData("0e3")]
    public void ZeroInAnyNotationIsAZeroRequest(string quantity)
    {
        var manifest = Objects.Pod(PodSpecs.With(Containers.Compliant().WithRequests(("cpu", "100m"), ("memory", quantity))));

        var decision = Engines.Decide(manifest);

        Assert.Equal(["Pod default/web: container \"app\" has a zero memory request"], decision.Messages("resource-requests"));
        Assert.False(decision.Allowed);
    }

    [Fact]
    public void NumericQuantitiesAreRead()
    {
        // YAML `cpu: 1` becomes a JSON number when a manifest is converted for the API server.
        var app = Containers.Compliant().Set("resources.requests", new JsonObject { ["cpu"] = 1, ["memory"] = 0 });

        var decision = Engines.Decide(Objects.Pod(PodSpecs.With(app)));

        Assert.Equal(["Pod default/web: container \"app\" has a zero memory request"], decision.Messages("resource-requests"));
    }

    [Fact]
    public void NullRequestIsMissing()
    {
        var app = Containers.Compliant().Set("resources.requests.cpu", null);

        var decision = Engines.Decide(Objects.Pod(PodSpecs.With(app)));

        Assert.Equal(["Pod default/web: container \"app\" has no cpu request"], decision.Messages("resource-requests"));
    }

    [Theory]
    [InlineData("cpu=100m,memory=128Mi", "has no nvidia.com/gpu request")]
    [InlineData("cpu=100m,memory=128Mi,nvidia.com/gpu=0", "has a zero nvidia.com/gpu request")]
    [InlineData("cpu=100m,memory=128Mi,nvidia.com/gpu=1", null)]
    [InlineData("nvidia.com/gpu=1", "has no cpu request|has no memory request")]
    public void ConfiguredResourcesAreEachRequired(string requests, string? findings)
    {
        var engine = Engines.From("""
            policies:
              - id: gpu-requests
                action: deny
                check: resourceRequests
                parameters:
                  resources: [cpu, memory, nvidia.com/gpu]
            """);
        var manifest = Objects.Job(PodSpecs.With(WithRequests(Containers.Compliant("train"), requests)));

        var decision = engine.Decide(manifest);

        var expected = findings?.Split('|').Select(f => $"Job default/web: container \"train\" {f}") ?? [];
        Assert.Equal(expected, decision.Messages("gpu-requests"));
        Assert.Equal(findings is null, decision.Allowed);
    }

    private static JsonObject WithRequests(JsonObject container, string? requests) =>
        requests is null
            ? container.Without("resources")
            : container.WithRequests([.. requests.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => (r.Split('=')[0], r.Split('=')[1]))]);
}
