using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Logging;

/// <summary>CrdSchema's handling of the structural-schema keywords, on a small CRD given whole (as a chart's crds/ holds it).</summary>
public sealed class CrdSchemaGenericTests
{
    private static readonly CrdSchema Widget = CrdSchema.FromDefinition(KubeObjects.Parse("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          names: {kind: Widget, plural: widgets}
          scope: Namespaced
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  required: [metadata, spec]
                  properties:
                    spec:
                      type: object
                      required: [size]
                      properties:
                        size: {type: integer}
                        ratio: {type: number}
                        labels: {type: object, additionalProperties: {type: string}}
                        settings: {type: object, x-kubernetes-preserve-unknown-fields: true}
                        port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                        template:
                          type: object
                          x-kubernetes-embedded-resource: true
                          properties:
                            spec: {type: object, properties: {replicas: {type: integer}}}
                        note: {type: string, nullable: true}
                        empty: {type: object}
        """).Single(), "v1");

    private const string Right = """
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w, namespace: shop, labels: {app: w}}
        spec:
          size: 3
          ratio: 0.5
          labels: {a: x, b: y}
          settings: {anything: {at: [all]}}
          port: http
          template:
            apiVersion: v1
            kind: Thing
            metadata: {name: t}
            spec: {replicas: 2}
          note: null
        """;

    [Fact]
    public void TheRightWidgetMatches() => Assert.Empty(Validate(Right));

    [Theory]
    [InlineData("  size: 3", "  size: 3.5", "spec.size: expected integer, found number 3.5")]
    [InlineData("  ratio: 0.5", "  ratio: half", "spec.ratio: expected number, found string \"half\"")]
    [InlineData("{a: x, b: y}", "{a: x, b: 2}", "spec.labels.b: expected string, found number 2")]
    [InlineData("  port: http", "  port: true", "spec.port: expected an integer or a string, found boolean true")]
    [InlineData("{replicas: 2}", "{replicas: 2, paused: true}", "spec.template.spec.paused: unknown field")]
    [InlineData("metadata: {name: t}", "metadata: {name: t, nam: u}", "spec.template.metadata.nam: unknown field")]
    [InlineData("  note: null", "  note: null\n  empty: {x: 1}", "spec.empty.x: unknown field (the schema declares no fields here)")]
    [InlineData("  size: 3", "  size:", "spec.size: null is not allowed")]
    [InlineData("  size: 3\n", "", "spec.size: required field missing")]
    public void EachKeywordIsEnforced(string from, string to, string finding) =>
        Assert.Equal([finding], Validate(Right.Replace(from, to, StringComparison.Ordinal)));

    private static IReadOnlyList<string> Validate(string yaml) => Widget.Validate(KubeObjects.Parse(yaml).Single());

    [Fact]
    public void ARequiredMetadataIsSatisfiedByTheManifestsMetadataButARequiredSpecIsNot()
    {
        var withoutSpec = KubeObjects.Parse("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n").Single();

        Assert.Equal(["spec: required field missing"], Widget.Validate(withoutSpec));
    }
}
