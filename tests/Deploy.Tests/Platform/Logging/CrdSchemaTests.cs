using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Logging;

/// <summary>CrdSchema against the vendored ECK schemas: our objects match, and mistakes are named by their path.</summary>
public sealed class CrdSchemaTests
{
    private const string Sample = """
        apiVersion: elasticsearch.k8s.elastic.co/v1
        kind: Elasticsearch
        metadata: {name: sample, namespace: logging}
        spec:
          version: 9.4.3
          nodeSets:
            - name: default
              count: 1
              config: {node.store.allow_mmap: false, anything.goes: here}
              podTemplate:
                spec:
                  containers:
                    - name: elasticsearch
                      resources: {limits: {memory: 2Gi}}
              volumeClaimTemplates:
                - metadata: {name: elasticsearch-data}
                  spec: {resources: {requests: {storage: 20Gi}}}
        """;

    [Fact]
    public void ARightObjectHasNoFindings() =>
        Assert.Empty(ElasticCrds.Elasticsearch.Validate(Parse(Sample)));

    [Fact]
    public void AnUnknownFieldIsNamedByItsPath()
    {
        var findings = ElasticCrds.Elasticsearch.Validate(Parse(Sample.Replace("count: 1", "count: 1\n      replicas: 2")));

        Assert.Equal(["spec.nodeSets[0].replicas: unknown field"], findings);
    }

    [Fact]
    public void AnUnknownFieldInsideThePodTemplateIsCaughtToo()
    {
        var findings = ElasticCrds.Elasticsearch.Validate(Parse(Sample.Replace("resources: {limits", "resource: {limits")));

        Assert.Equal(["spec.nodeSets[0].podTemplate.spec.containers[0].resource: unknown field"], findings);
    }

    [Fact]
    public void AWrongTypeIsNamedWithWhatWasFound()
    {
        var findings = ElasticCrds.Elasticsearch.Validate(Parse(Sample.Replace("count: 1", "count: one")));

        Assert.Equal(["spec.nodeSets[0].count: expected integer, found string \"one\""], findings);
    }

    [Fact]
    public void AQuantityTakesAStringOrAnIntegerButNotAList()
    {
        Assert.Empty(ElasticCrds.Elasticsearch.Validate(Parse(Sample.Replace("storage: 20Gi", "storage: 21474836480"))));

        var findings = ElasticCrds.Elasticsearch.Validate(Parse(Sample.Replace("storage: 20Gi", "storage: [20Gi]")));

        Assert.Equal(["spec.nodeSets[0].volumeClaimTemplates[0].spec.resources.requests.storage: expected an integer or a string, found array"], findings);
    }

    [Fact]
    public void AMissingRequiredFieldAndAnUnknownMetadataFieldAreFindings()
    {
        var findings = ElasticCrds.Elasticsearch.Validate(Parse(Sample.Replace("- name: default\n      count: 1", "- count: 1").Replace("metadata: {name: sample,", "metadata: {nam: sample,")));

        Assert.Equal(["metadata.nam: unknown field", "spec.nodeSets[0].name: required field missing"], findings.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnEnumRefusesOtherValues()
    {
        var findings = ElasticCrds.Elasticsearch.Validate(Parse(Sample.Replace("  version: 9.4.3", "  version: 9.4.3\n  volumeClaimDeletePolicy: KeepEverything")));

        Assert.Equal(["spec.volumeClaimDeletePolicy: \"KeepEverything\" is not one of [\"DeleteOnScaledownOnly\",\"DeleteOnScaledownAndClusterDeletion\"]"], findings);
    }

    [Fact]
    public void AnotherKindIsRefusedOutright() =>
        Assert.Contains("is not kibana.k8s.elastic.co/v1 Kibana", Assert.Single(ElasticCrds.Kibana.Validate(Parse(Sample))), StringComparison.Ordinal);

    private static JsonObject Parse(string yaml) => KubeObjects.Parse(yaml).Single();
}
