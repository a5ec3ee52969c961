using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Echo;

/// <summary>Every profile of the echo chart rendered and checked in one run of check-schemas.mjs.</summary>
public sealed class EchoRenderedProfiles() : RenderedProfiles(EchoChart.Chart);

/// <summary>What CI checks on every profile: helm lint --strict, the strict schema check of every object, shipshape audit.</summary>
public sealed class ChartChecksTests(EchoRenderedProfiles profiles) : IClassFixture<EchoRenderedProfiles>
{
    [Theory]
    [MemberData(nameof(EchoChart.Profiles), MemberType = typeof(EchoChart))]
    public void HelmLintStrictPassesForEveryProfile(string profile) =>
        ChartChecks.AssertLintsClean(EchoChart.Chart, profile);

    [Theory]
    [MemberData(nameof(EchoChart.Profiles), MemberType = typeof(EchoChart))]
    public void EveryProfileRendersAndPassesTheStrictSchemaCheck(string profile) =>
        profiles.AssertRendersAndChecksClean(profile);

    [Theory]
    [MemberData(nameof(EchoChart.Profiles), MemberType = typeof(EchoChart))]
    public void EveryWorkloadOfEveryProfilePassesShipshapeAuditWithoutAViolation(string profile)
    {
        var render = profiles.Renders[profile].Succeeded();

        var judged = ChartChecks.Audit(render.Text).GetProperty("objects").EnumerateArray().ToList();

        // The Deployment or Rollout, and the helm test pod, among what was judged.
        var kinds = judged.Select(o => o.GetProperty("kind").GetString()).ToList();
        Assert.Contains(render.Workload.Kind(), kinds);
        Assert.Contains("Pod", kinds);
        Assert.All(judged, o =>
        {
            Assert.True(o.GetProperty("allowed").GetBoolean());
            Assert.Empty(o.GetProperty("violations").EnumerateArray());
        });
    }

    [Theory]
    [MemberData(nameof(EchoChart.Profiles), MemberType = typeof(EchoChart))]
    public void EveryObjectNamesItsNamespaceUnlessClusterScoped(string profile)
    {
        var render = profiles.Renders[profile].Succeeded();

        Assert.All(render.Objects, o => Assert.Equal(
            o.Kind() is "PriorityClass" or "NodePool" or "EC2NodeClass" ? null : EchoChart.DefaultNamespace,
            (string?)o["metadata"]!["namespace"]));
    }
}
