using System.Text.Json.Nodes;
using Shipshape.Policy.Policies;
using Shipshape.Policy.Tests.Support;

namespace Shipshape.Policy.Tests;

/// <summary>What a violation does to the decision: deny refuses, warn admits; severity is carried, never decides.</summary>
public sealed class ActionsTests
{
    /// <summary>A container that breaks every default policy once.</summary>
    private static readonly Lazy<Decisions.Decision> EverythingWrong = new(() =>
        Engines.Decide(Objects.Deployment(PodSpecs.With(new JsonObject
        {
            ["name"] = "app",
            ["image"] = "nginx:latest",
            ["securityContext"] = new JsonObject { ["privileged"] = true, ["runAsUser"] = 0 },
        }))));

    [Theory]
    [InlineData("resource-requests", Severity.High, PolicyAction.Deny, 2)]
    [InlineData("memory-limit", Severity.Medium, PolicyAction.Warn, 1)]
    [InlineData("image-tag", Severity.Medium, PolicyAction.Warn, 1)]
    [InlineData("privileged", Severity.High, PolicyAction.Warn, 1)]
    [InlineData("run-as-non-root", Severity.Medium, PolicyAction.Warn, 1)]
    [InlineData("readiness-probe", Severity.Low, PolicyAction.Warn, 1)]
    public void EachViolationCarriesItsPolicysSeverityAndAction(string policyId, Severity severity, PolicyAction action, int count)
    {
        var violations = EverythingWrong.Value.Violations.Where(v => v.PolicyId == policyId).ToArray();

        Assert.Equal(count, violations.Length);
        Assert.All(violations, v =>
        {
            Assert.Equal(severity, v.Severity);
            Assert.Equal(action, v.Action);
            Assert.Equal("app", v.Container);
        });
    }

    [Fact]
    public void ADenialRefusesTheObject()
    {
        var decision = EverythingWrong.Value;

        Assert.False(decision.Allowed);
        Assert.Equal(["resource-requests", "resource-requests"], decision.Denials.Select(v => v.PolicyId));
        Assert.Equal(5, decision.Warnings.Count());
        Assert.Equal(7, decision.Violations.Count);
    }

    [Fact]
    public void OnlyWarningsAdmitTheObjectWithTheWarnings()
    {
        var app = Containers.Compliant(image: "nginx").Without("resources.limits");

        var decision = Engines.Decide(Objects.Deployment(PodSpecs.With(app)));

        Assert.True(decision.Allowed);
        Assert.Empty(decision.Denials);
        Assert.Equal(
        [
            "Deployment default/web: container \"app\" has no memory limit",
            "Deployment default/web: container \"app\" image \"nginx\" has no tag (it means :latest)",
        ], decision.Warnings.Select(v => v.Message));
    }

    [Fact]
    public void NoViolationsAdmitTheObjectSilently()
    {
        var decision = Engines.Decide(Objects.Deployment(PodSpecs.Compliant()));

        Assert.True(decision.Allowed);
        Assert.Empty(decision.Violations);
        Assert.Empty(decision.Exemptions);
        Assert.Empty(decision.Notes);
    }

    [Theory]
    [InlineData("deny", "critical", false)]
    [InlineData("warn", "critical", true)]
    [InlineData("Deny", "low", false)]
    [InlineData("WARN", "high", true)]
    public void APolicyFileDecidesTheActionAndSeverityDoesNot(string action, string severity, bool allowed)
    {
        var engine = Engines.From($"""
            policies:
              - id: pinned-images
                action: {action}
                severity: {severity}
                check: imageTag
            """);

        var decision = engine.Decide(Objects.Deployment(PodSpecs.With(Containers.Compliant(image: "nginx:latest"))));

        var violation = Assert.Single(decision.Violations);
        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(Enum.Parse<Severity>(severity, ignoreCase: true), violation.Severity);
        Assert.Equal(Enum.Parse<PolicyAction>(action, ignoreCase: true), violation.Action);
        Assert.Equal("Deployment default/web: container \"app\" image \"nginx:latest\" uses the :latest tag", violation.Message);
    }
}
