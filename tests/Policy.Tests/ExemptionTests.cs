using System.Text.Json.Nodes;
using Shipshape.Policy.Decisions;
using Shipshape.Policy.Policies;
using Shipshape.Policy.Tests.Support;

namespace Shipshape.Policy.Tests;

/// <summary>Who a policy leaves alone, and how the decision records it.</summary>
public sealed class ExemptionTests
{
    private const string Annotation = "policies.shipshape.dev/exempt";
    private const string ByAnnotation = "annotation policies.shipshape.dev/exempt";

    private static readonly PolicyEngine Engine = Engines.From("""
        policies:
          - id: resource-requests
            action: deny
            severity: high
            check: resourceRequests
            exclude:
              namespaces: ["kube-*", "team-?"]
              names: ["legacy-*"]
              labels:
                shipshape.dev/tier: batch
                team: data
          - id: image-tag
            action: warn
            check: imageTag
            annotationExemption: false
          - id: privileged
            action: warn
            check: privileged
            match:
              kinds: [DaemonSet]
              namespaces: ["kube-*"]
        """);

    /// <summary>A Deployment whose container requests nothing: resource-requests denies it unless exempt.</summary>
    private static JsonObject Unrequested(string name = "web", string? ns = "default") =>
        Objects.Deployment(PodSpecs.With(Containers.Compliant().WithRequests()), name, ns);

    [Theory]
    [InlineData("default", "web", "", null)]
    [InlineData("kube-system", "web", "", "namespace kube-system is excluded (kube-*)")]
    [InlineData("kube-", "web", "", "namespace kube- is excluded (kube-*)")]
    [InlineData("team-a", "web", "", "namespace team-a is excluded (team-?)")]
    [InlineData("team-ab", "web", "", null)]
    [InlineData("my-kube-system", "web", "", null)]
    [InlineData("default", "legacy-billing", "", "name legacy-billing is excluded (legacy-*)")]
    [InlineData("default", "my-legacy-billing", "", null)]
    [InlineData("default", "web", "shipshape.dev/tier=batch,team=data", "labels shipshape.dev/tier=batch, team=data are excluded")]
    [InlineData("default", "web", "shipshape.dev/tier=batch,team=data,app=web", "labels shipshape.dev/tier=batch, team=data are excluded")]
    [InlineData("default", "web", "shipshape.dev/tier=batch", null)]
    [InlineData("default", "web", "team=data", null)]
    [InlineData("default", "web", "shipshape.dev/tier=batch,team=web", null)]
    [InlineData("default", "web", "shipshape.dev/tier=Batch,team=data", null)]
    public void ExcludeByNamespaceNameOrAllLabels(string ns, string name, string labels, string? reason)
    {
        var manifest = Unrequested(name, ns);
        foreach (var label in labels.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            manifest.Label(label.Split('=')[0], label.Split('=')[1]);
        }

        var decision = Engine.Decide(manifest);

        if (reason is null)
        {
            Assert.Empty(decision.Exemptions);
            Assert.Equal(2, decision.Messages("resource-requests").Length);
            Assert.False(decision.Allowed);
        }
        else
        {
            Assert.Equal([new Exemption("resource-requests", reason)], decision.Exemptions);
            Assert.Empty(decision.Violations);
            Assert.True(decision.Allowed);
        }
    }

    [Fact]
    public void ExcludedNamespaceIsTheOneTheObjectIsCreatedIn()
    {
        var decision = Engine.Decide(Unrequested(ns: "default"), namespaceOverride: "kube-system");

        Assert.Equal([new Exemption("resource-requests", "namespace kube-system is excluded (kube-*)")], decision.Exemptions);
        Assert.True(decision.Allowed);
    }

    [Fact]
    public void ExcludedNamePatternMatchesGeneratedPodNames()
    {
        var pod = Objects.Pod(PodSpecs.With(Containers.Compliant().WithRequests()), name: null).Set("metadata.generateName", "legacy-7d9f-");

        var decision = Engine.Decide(pod);

        Assert.Equal([new Exemption("resource-requests", "name legacy-7d9f-<generated> is excluded (legacy-*)")], decision.Exemptions);
    }

    [Fact]
    public void AnnotationExemptsFromTheNamedPoliciesAndIsRecorded()
    {
        var app = Containers.Compliant(image: "nginx").Without("resources.requests").Set("securityContext.privileged", true);
        var manifest = Objects.Deployment(PodSpecs.With(app)).Annotate(Annotation, "resource-requests, image-tag");

        var decision = Engines.Decide(manifest);

        Assert.True(decision.Allowed);
        Assert.Equal([new Exemption("resource-requests", ByAnnotation), new Exemption("image-tag", ByAnnotation)], decision.Exemptions);
        // Policies the annotation does not name still apply.
        Assert.Equal(["privileged"], decision.Violations.Select(v => v.PolicyId));
        Assert.Empty(decision.Notes);
    }

    [Theory]
    [InlineData("resource-requests")]
    [InlineData(" resource-requests ,, ")]
    [InlineData("readiness-probe,resource-requests")]
    public void AnnotationListIsCommaSeparatedAndTrimmed(string value)
    {
        var decision = Engines.Decide(Unrequested().Annotate(Annotation, value));

        Assert.Contains(new Exemption("resource-requests", ByAnnotation), decision.Exemptions);
        Assert.True(decision.Allowed);
        Assert.Empty(decision.Notes);
    }

    [Fact]
    public void AnnotationNamingAnUnknownPolicyGivesANote()
    {
        var decision = Engines.Decide(Unrequested().Annotate(Annotation, "resource-requests,no-such-policy"));

        Assert.Equal([new Exemption("resource-requests", ByAnnotation)], decision.Exemptions);
        Assert.Equal(["Deployment default/web: annotation policies.shipshape.dev/exempt names unknown policy \"no-such-policy\""], decision.Notes);
        Assert.True(decision.Allowed);
    }

    [Fact]
    public void AnnotationIdsAreCaseSensitive()
    {
        var decision = Engines.Decide(Unrequested().Annotate(Annotation, "Resource-Requests"));

        Assert.Empty(decision.Exemptions);
        Assert.Equal(["Deployment default/web: annotation policies.shipshape.dev/exempt names unknown policy \"Resource-Requests\""], decision.Notes);
        Assert.False(decision.Allowed);
    }

    [Fact]
    public void PolicyThatRefusesAnnotationExemptionStillAppliesWithANote()
    {
        var manifest = Objects.Deployment(PodSpecs.With(Containers.Compliant(image: "nginx"))).Annotate(Annotation, "image-tag");

        var decision = Engine.Decide(manifest);

        Assert.Empty(decision.Exemptions);
        Assert.Equal(["Deployment default/web: container \"app\" image \"nginx\" has no tag (it means :latest)"], decision.Messages("image-tag"));
        Assert.Equal(["Deployment default/web: policy \"image-tag\" cannot be exempted by annotation"], decision.Notes);
    }

    [Fact]
    public void OtherAnnotationsExemptNothing()
    {
        var decision = Engines.Decide(Unrequested().Annotate("policies.shipshape.dev/exempt-from", "resource-requests"));

        Assert.Empty(decision.Exemptions);
        Assert.False(decision.Allowed);
    }

    [Fact]
    public void ExclusionIsRecordedOnceEvenWhenTheAnnotationAlsoExempts()
    {
        var decision = Engine.Decide(Unrequested(ns: "kube-system").Annotate(Annotation, "resource-requests"));

        Assert.Equal([new Exemption("resource-requests", "namespace kube-system is excluded (kube-*)")], decision.Exemptions);
    }

    [Theory]
    [InlineData("DaemonSet", "kube-system", true)]
    [InlineData("DaemonSet", "kube-public", true)]
    [InlineData("DaemonSet", "default", false)]
    [InlineData("Deployment", "kube-system", false)]
    [InlineData("Pod", "kube-system", false)]
    public void MatchLimitsWhereAPolicyAppliesWithoutRecordingAnExemption(string kind, string ns, bool applies)
    {
        var app = Containers.Compliant().Set("securityContext.privileged", true);

        var decision = Engine.Decide(Objects.Workload(kind, PodSpecs.With(app), ns: ns));

        Assert.Equal(applies ? [$"{kind} {ns}/web: container \"app\" runs privileged"] : [], decision.Messages("privileged"));
        Assert.DoesNotContain(decision.Exemptions, e => e.PolicyId == "privileged");
    }

    [Fact]
    public void WorkloadRefRolloutStillRecordsItsExemptions()
    {
        var rollout = Objects.Bare("argoproj.io/v1alpha1", "Rollout", ns: "kube-system")
            .Set("spec.workloadRef", new JsonObject { ["kind"] = "Deployment", ["name"] = "web-base" });

        var decision = Engine.Decide(rollout);

        Assert.Equal([new Exemption("resource-requests", "namespace kube-system is excluded (kube-*)")], decision.Exemptions);
        Assert.Single(decision.Notes);
        Assert.True(decision.Allowed);
    }

    [Fact]
    public void PolicyFileExclusionsAreReadAsWritten()
    {
        var policy = Engine.Policies.Policies[0];

        Assert.Equal(["kube-*", "team-?"], policy.Exclude.Namespaces.Select(g => g.Pattern));
        Assert.Equal(["legacy-*"], policy.Exclude.Names.Select(g => g.Pattern));
        Assert.Equal(new Dictionary<string, string> { ["shipshape.dev/tier"] = "batch", ["team"] = "data" }, policy.Exclude.Labels);
        Assert.True(policy.AnnotationExemption);
        Assert.False(Engine.Policies.Policies[1].AnnotationExemption);
    }
}
