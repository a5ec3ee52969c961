using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Logging;

/// <summary>The Elasticsearch and Kibana schemas of the pinned ECK release (Platform/Fixtures/crds).</summary>
internal static class ElasticCrds
{
    public static readonly CrdSchema Elasticsearch = Load("elasticsearch.k8s.elastic.co_elasticsearches-v1.yaml");

    public static readonly CrdSchema Kibana = Load("kibana.k8s.elastic.co_kibanas-v1.yaml");

    public static CrdSchema? For(string apiVersion, string kind) =>
        new[] { Elasticsearch, Kibana }.SingleOrDefault(s => s.ApiVersion == apiVersion && s.Kind == kind);

    private static CrdSchema Load(string file) =>
        CrdSchema.LoadExtracted(Repository.Path("tests", "Deploy.Tests", "Platform", "Fixtures", "crds", file));
}
