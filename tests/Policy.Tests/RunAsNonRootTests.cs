using System.Text.Json.Nodes;
using Shipshape.Policy.Tests.Support;
using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Tests;

/// <summary>The run-as-non-root check (a warning by default): container security context over the pod's.</summary>
public sealed class RunAsNonRootTests
{
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

        var decision = Engines.Decide(Objects.Deployment(spec));

        Warnings.AssertOnly(decision, "run-as-non-root", finding is null ? null : $"Deployment default/web: container \"app\" {finding}");
    }

    [Fact]
    public void RunAsNonRootIsAskedOfInitContainersUnderThePodContext()
    {
        var migrate = Containers.Compliant(ContainerType.InitContainer).Without("securityContext");
        var spec = PodSpecs.WithOne(ContainerType.InitContainer, migrate).Set("securityContext", new JsonObject { ["runAsUser"] = 0 });
        ((JsonObject)spec["containers"]![0]!).Set("securityContext", new JsonObject { ["runAsUser"] = 1000 });

        var decision = Engines.Decide(Objects.Deployment(spec));

        Warnings.AssertOnly(decision, "run-as-non-root", "Deployment default/web: init container \"migrate\" runs as root (runAsUser: 0)");
    }
}
