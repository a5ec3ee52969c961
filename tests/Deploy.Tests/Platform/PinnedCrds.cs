using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>
/// Schemas taken from the CRDs of the pinned releases (Platform/Fixtures/crds/&lt;release&gt;/, each file naming its
/// source commit): ECK, Karpenter, cert-manager, the Prometheus Operator, Istio, Argo CD, Argo Rollouts and KEDA.
/// A file is either a schema extracted by extract-schema.mjs or a whole CustomResourceDefinition (its v1 served).
/// </summary>
public static class PinnedCrds
{
    public static readonly IReadOnlyList<CrdSchema> All =
        [.. Directory.EnumerateFiles(PlatformFiles.Fixture("crds"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(Load)];

    public static CrdSchema? For(string apiVersion, string kind) => All.SingleOrDefault(s => s.ApiVersion == apiVersion && s.Kind == kind);

    private static CrdSchema Load(string file)
    {
        var body = KubeObjects.Parse(File.ReadAllText(file)).Single();
        return (string?)body["kind"] == "CustomResourceDefinition" ? CrdSchema.FromDefinition(body, "v1") : CrdSchema.LoadExtracted(file);
    }
}
