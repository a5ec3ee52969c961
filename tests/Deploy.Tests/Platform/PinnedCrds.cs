using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>
/// Schemas taken from the CRDs of the pinned releases (Platform/Fixtures/crds): Elasticsearch and Kibana of ECK
/// (no kubernetes-models package types them) and Karpenter's NodePool and EC2NodeClass (the package lags the pinned API).
/// </summary>
public static class PinnedCrds
{
    public static readonly IReadOnlyList<CrdSchema> All =
    [
        CrdSchema.LoadExtracted(PlatformFiles.Fixture("crds", "elasticsearch.k8s.elastic.co_elasticsearches-v1.yaml")),
        CrdSchema.LoadExtracted(PlatformFiles.Fixture("crds", "kibana.k8s.elastic.co_kibanas-v1.yaml")),
        Definition("karpenter-1.14.1", "karpenter.sh_nodepools.yaml", "v1"),
        Definition("karpenter-1.14.1", "karpenter.k8s.aws_ec2nodeclasses.yaml", "v1"),
    ];

    public static CrdSchema? For(string apiVersion, string kind) => All.SingleOrDefault(s => s.ApiVersion == apiVersion && s.Kind == kind);

    private static CrdSchema Definition(string folder, string file, string version) =>
        CrdSchema.FromDefinition(KubeObjects.Parse(File.ReadAllText(PlatformFiles.Fixture("crds", folder, file))).Single(), version);
}
