using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Delivery;

/// <summary>deploy/platform's delivery add-ons (Istio, Argo, KEDA, Karpenter): release files, values and manifests.</summary>
public static class DeliveryFiles
{
    public static readonly string Platform = Repository.Path("deploy", "platform");

    public static string PathOf(params string[] parts) => Path.Combine([Platform, .. parts]);

    /// <summary>A release file (releases/NN-name.yml) as JSON.</summary>
    public static JsonObject Release(string file) => KubeObjects.Parse(File.ReadAllText(PathOf("releases", file))).Single();

    /// <summary>A values file or manifest as Ansible renders it: each "{{ var }}" replaced; an unknown variable fails.</summary>
    public static string Rendered(string relativePath) => Render(File.ReadAllText(PathOf(relativePath)));

    public static string Render(string text) => PlatformVars.Render(text);

    public static IReadOnlyList<JsonObject> Objects(string relativePath) => KubeObjects.Parse(Rendered(relativePath));

    public static JsonObject Values(string relativePath) => Objects(relativePath).Single();

    /// <summary>The objects of every manifest a release applies (manifests_before and manifests_after).</summary>
    public static IEnumerable<JsonObject> ManifestsOf(string releaseFile)
    {
        var release = Release(releaseFile);
        return release["manifests_before"].Strings().Concat(release["manifests_after"].Strings()).SelectMany(Objects);
    }

    /// <summary>Every manifest file our delivery releases apply.</summary>
    public static IReadOnlyList<string> ManifestFiles =>
        [.. DeliveryReleases.SelectMany(r => Release(r)["manifests_before"].Strings().Concat(Release(r)["manifests_after"].Strings()))];

    public static readonly IReadOnlyList<string> DeliveryReleases =
        ["40-istio-base.yml", "41-istiod.yml", "42-istio-gateway.yml", "50-argo-rollouts.yml", "51-argo-cd.yml", "60-keda.yml", "90-karpenter.yml"];

    public static string Namespace(this JsonObject manifest) => (string)manifest["metadata"]!["namespace"]!;
}
