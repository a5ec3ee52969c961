using Shipshape.Policy.Tests.Support;

namespace Shipshape.Policy.Tests;

/// <summary>How a decision names its object: kind, namespace and name.</summary>
public sealed class NamesAndNamespacesTests
{
    public static TheoryData<string> Kinds => [.. Objects.Kinds.Select(k => k.Kind)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void GenerateNameIsShownWithAGeneratedSuffix(string kind)
    {
        // Pods made by a ReplicaSet carry only generateName when they are admitted.
        var manifest = Objects.Workload(kind, PodSpecs.With(Containers.Compliant().WithRequests(("cpu", "1"))), name: null)
            .Set("metadata.generateName", "web-7d9f-");

        var decision = Engines.Decide(manifest);

        Assert.Equal($"{kind} default/web-7d9f-<generated>", decision.Subject);
        Assert.Equal([$"{kind} default/web-7d9f-<generated>: container \"app\" has no memory request"], decision.Messages("resource-requests"));
    }

    [Fact]
    public void NameWinsOverGenerateName()
    {
        var manifest = Objects.Pod(PodSpecs.Compliant()).Set("metadata.generateName", "web-7d9f-");

        Assert.Equal("Pod default/web", Engines.Decide(manifest).Subject);
    }

    [Fact]
    public void NoNameAtAllIsShownAsUnnamed()
    {
        var manifest = Objects.Pod(PodSpecs.Compliant(), name: null);

        Assert.Equal("Pod default/<unnamed>", Engines.Decide(manifest).Subject);
    }

    [Theory]
    [InlineData("team-a", null, "team-a")]
    [InlineData("team-a", "prod", "prod")]
    [InlineData(null, "prod", "prod")]
    [InlineData(null, null, "default")]
    [InlineData("", null, "default")]
    [InlineData("team-a", "", "team-a")]
    public void NamespaceComesFromTheOverrideElseMetadataElseDefault(string? metadataNamespace, string? namespaceOverride, string expected)
    {
        var manifest = Objects.CronJob(PodSpecs.With(Containers.Compliant().WithRequests(("memory", "1Gi"))), ns: metadataNamespace);

        var decision = Engines.Decide(manifest, namespaceOverride);

        Assert.Equal($"CronJob {expected}/web", decision.Subject);
        Assert.Equal([$"CronJob {expected}/web: container \"app\" has no cpu request"], decision.Messages("resource-requests"));
    }
}
