using Shipshape.Deploy.Tests.Charts.Admission;
using Shipshape.Deploy.Tests.Charts.Echo;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>
/// The custom objects our own charts render (Echo's Rollout, AnalysisTemplate, Istio routing, KEDA ScaledObjects,
/// monitoring; the admission webhook's certificates) match the CRDs of the platform versions that serve them.
/// </summary>
public sealed class ChartCustomObjectsTests
{
    public static TheoryData<string> EchoProfiles => EchoChart.Profiles;

    public static TheoryData<string> AdmissionProfiles => [.. AdmissionChart.ProfileNames];

    [Theory]
    [MemberData(nameof(EchoProfiles))]
    public void EchoChartsCustomObjectsMatchThePinnedCrds(string profile) =>
        AssertCustomObjectsMatch(EchoChart.RenderProfile(profile).Succeeded().Objects, $"echo {profile}");

    [Theory]
    [MemberData(nameof(AdmissionProfiles))]
    public void AdmissionChartsCustomObjectsMatchThePinnedCrds(string profile) =>
        AssertCustomObjectsMatch(AdmissionChart.RenderProfile(profile).Succeeded().Objects, $"admission {profile}");

    [Fact]
    public void EveryCustomKindOfTheChartsHasAPinnedCrd()
    {
        var kinds = EchoChart.Chart.ProfileNames.SelectMany(p => EchoChart.RenderProfile(p).Succeeded().Objects)
            .Concat(AdmissionChart.ProfileNames.SelectMany(p => AdmissionChart.RenderProfile(p).Succeeded().Objects))
            .Where(IsCustom).Select(o => $"{o["apiVersion"]} {o.Kind()}").ToHashSet();

        var unpinned = kinds.Where(k => PinnedCrds.For(k.Split(' ')[0], k.Split(' ')[1]) is null).ToList();

        Assert.Contains("argoproj.io/v1alpha1 Rollout", kinds);
        Assert.Contains("keda.sh/v1alpha1 ScaledObject", kinds);
        Assert.True(unpinned.Count == 0, "custom kinds without a pinned CRD schema: " + string.Join(", ", unpinned));
    }

    private static void AssertCustomObjectsMatch(IReadOnlyList<System.Text.Json.Nodes.JsonObject> objects, string what)
    {
        var findings = objects.Where(IsCustom)
            .SelectMany(o => (PinnedCrds.For((string)o["apiVersion"]!, o.Kind())?.Validate(o) ?? ["no pinned CRD"]).Select(f => $"{o.Kind()} {o.Name()}: {f}"))
            .ToList();

        Assert.True(findings.Count == 0, $"{what}:\n" + string.Join("\n", findings));
    }

    private static bool IsCustom(System.Text.Json.Nodes.JsonObject o)
    {
        var group = ((string)o["apiVersion"]!).Split('/')[0];
        return group.Contains('.') && !group.EndsWith(".k8s.io", StringComparison.Ordinal);
    }
}
