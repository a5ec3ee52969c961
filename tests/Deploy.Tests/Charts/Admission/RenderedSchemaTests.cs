using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Admission;

/// <summary>Every profile of the admission chart rendered and checked in one run of check-schemas.mjs.</summary>
public sealed class AdmissionRenderedProfiles() : RenderedProfiles(AdmissionChart.Chart);

/// <summary>Rendered objects match the Kubernetes and CRD types exactly: no unknown field, no wrong type, no untyped kind.</summary>
public sealed class RenderedSchemaTests(AdmissionRenderedProfiles profiles) : IClassFixture<AdmissionRenderedProfiles>
{
    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void EveryProfileRendersAndPassesTheStrictSchemaCheck(string profile) =>
        profiles.AssertRendersAndChecksClean(profile);

    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void EveryObjectNamesItsNamespaceUnlessClusterScoped(string profile)
    {
        string[] clusterScoped = ["PriorityClass", "ValidatingWebhookConfiguration"];

        var render = profiles.Renders[profile].Succeeded();

        Assert.All(render.Objects, o => Assert.Equal(
            clusterScoped.Contains(o.Kind()) ? null : AdmissionChart.DefaultNamespace,
            (string?)o["metadata"]!["namespace"]));
    }
}
