using System.Text.Json.Nodes;
using Shipshape.Policy.Tests.Support;

namespace Shipshape.Policy.Tests;

/// <summary>Which objects the engine judges, and where it finds their pods.</summary>
public sealed class KindsTests
{
    public static TheoryData<string> Kinds => [.. Objects.Kinds.Select(k => k.Kind)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryPodCarryingKindIsJudgedAtItsPodSpecPath(string kind)
    {
        var compliant = Engines.Decide(Objects.Workload(kind, PodSpecs.Compliant()));
        var offending = Engines.Decide(Objects.Workload(kind, PodSpecs.With(Containers.Compliant().WithRequests(("cpu", "100m")))));

        Assert.Equal(kind, compliant.Kind);
        Assert.Equal($"{kind} default/web", compliant.Subject);
        Assert.Empty(compliant.Violations);
        Assert.True(compliant.Allowed);
        Assert.Equal([$"{kind} default/web: container \"app\" has no memory request"], offending.Messages("resource-requests"));
        Assert.False(offending.Allowed);
    }

    [Theory]
    [InlineData("v1", "Service")]
    [InlineData("v1", "ConfigMap")]
    [InlineData("v1", "PodTemplate")]
    [InlineData("example.com/v1", "Widget")]
    [InlineData("example.com/v1", "Deployment")]
    [InlineData("v1", "Deployment")]
    [InlineData("apps/v1", "Pod")]
    [InlineData("batch/v1", "Rollout")]
    [InlineData("argoproj.io/v1alpha1", "Workflow")]
    public void ObjectsThatCarryNoPodsGetNoDecision(string apiVersion, string kind)
    {
        // Even with an offending pod spec where a Deployment keeps one: the group decides, not the shape.
        var manifest = Objects.Bare(apiVersion, kind).Set("spec.template.spec", PodSpecs.With(Containers.Compliant().WithRequests()));

        Assert.Null(Engines.Evaluate(manifest));
    }

    [Fact]
    public void ObjectsThatCarryNoPodsAreNotValidated()
    {
        var service = Objects.Bare("v1", "Service").Set("metadata.labels", "not a map").Set("spec", "not an object");

        Assert.Null(Engines.Evaluate(service));
    }

    [Fact]
    public void RolloutTemplateIsJudged()
    {
        var spec = PodSpecs.Compliant().Set("initContainers", new JsonArray(Containers.Compliant("migrate").WithRequests(("cpu", "10m"))));
        var rollout = Objects.Rollout(spec);

        var decision = Engines.Decide(rollout);

        Assert.Equal("argoproj.io/v1alpha1", rollout["apiVersion"]!.GetValue<string>());
        Assert.Equal(["Rollout default/web: init container \"migrate\" has no memory request"], decision.Messages("resource-requests"));
        Assert.False(decision.Allowed);
    }

    [Fact]
    public void RolloutWithWorkloadRefIsAllowedWithANoteNamingTheReferencedObject()
    {
        var rollout = Objects.Bare("argoproj.io/v1alpha1", "Rollout")
            .Set("spec.replicas", 3)
            .Set("spec.workloadRef", new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "web-base" });

        var decision = Engines.Decide(rollout);

        Assert.True(decision.Allowed);
        Assert.Empty(decision.Violations);
        Assert.Equal("Rollout default/web", decision.Subject);
        var note = Assert.Single(decision.Notes);
        Assert.Equal("Rollout default/web: spec.workloadRef points to Deployment web-base; its pod template is judged when that object is admitted", note);
    }

    [Fact]
    public void WorkloadRefOnlyCountsForRollouts()
    {
        var deployment = Objects.Bare("apps/v1", "Deployment")
            .Set("spec.workloadRef", new JsonObject { ["kind"] = "Deployment", ["name"] = "web-base" });

        var error = Assert.Throws<Workloads.InvalidManifestException>(() => Engines.Evaluate(deployment));

        Assert.Equal("Deployment default/web: spec.template.spec is missing", error.Message);
    }
}
