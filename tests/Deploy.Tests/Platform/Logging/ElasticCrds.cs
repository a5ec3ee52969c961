using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Logging;

/// <summary>The Elasticsearch and Kibana schemas of the pinned ECK release (<see cref="PinnedCrds"/>).</summary>
internal static class ElasticCrds
{
    public static readonly CrdSchema Elasticsearch = PinnedCrds.For("elasticsearch.k8s.elastic.co/v1", "Elasticsearch")!;

    public static readonly CrdSchema Kibana = PinnedCrds.For("kibana.k8s.elastic.co/v1", "Kibana")!;

    public static CrdSchema? For(string apiVersion, string kind) =>
        new[] { Elasticsearch, Kibana }.SingleOrDefault(s => s.ApiVersion == apiVersion && s.Kind == kind);
}
