using System.Text.Json.Nodes;
using Shipshape.Policy.Tests.Support;
using Shipshape.Policy.Workloads;

namespace Shipshape.Policy.Tests;

/// <summary>Objects that claim a pod-carrying kind but cannot be read as one: the message names the object and the path.</summary>
public sealed class InvalidManifestTests
{
    public static TheoryData<string> Kinds => [.. Objects.Kinds.Select(k => k.Kind)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MissingPodSpecIsNamedWithItsPath(string kind)
    {
        var shape = Objects.Shape(kind);
        var manifest = Objects.Bare(shape.ApiVersion, kind).Set("spec.replicas", 1);
        if (kind == "Pod")
        {
            manifest.Without("spec");
        }

        var error = Assert.Throws<InvalidManifestException>(() => Engines.Evaluate(manifest));

        Assert.Equal($"{kind} default/web: {shape.PodSpecPath} is missing", error.Message);
    }

    [Fact]
    public void CronJobWithATemplateWhereADeploymentKeepsItIsMissingItsJobTemplate()
    {
        var cronJob = Objects.Bare("batch/v1", "CronJob").Set("spec.template.spec", PodSpecs.Compliant());

        var error = Assert.Throws<InvalidManifestException>(() => Engines.Evaluate(cronJob));

        Assert.Equal("CronJob default/web: spec.jobTemplate.spec.template.spec is missing", error.Message);
    }

    public static TheoryData<string, string> ExactMessages => new()
    {
        { """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":"x"}}""", "Deployment default/web: spec.template must be an object, found a string" },
        { """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":[]}""", "Deployment default/web: spec must be an object, found a list" },
        { """{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"web"},"spec":{"jobTemplate":{"spec":{"template":{"spec":7}}}}}""", "CronJob default/web: spec.jobTemplate.spec.template.spec must be an object, found a number" },
        { """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},"spec":true}""", "Pod default/web: spec must be an object, found a boolean" },
        { """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":"app=web"},"spec":{"template":{"spec":{"containers":[]}}}}""", "Deployment default/web: metadata.labels must be an object, found a string" },
        { """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"replicas":3}},"spec":{"template":{"spec":{"containers":[]}}}}""", "Deployment default/web: metadata.labels.replicas must be a string, found a number" },
        { """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","annotations":["a"]},"spec":{"template":{"spec":{"containers":[]}}}}""", "Deployment default/web: metadata.annotations must be an object, found a list" },
        { """["not", "an", "object"]""", "expected an object, found a list" },
    };

    [Theory]
    [MemberData(nameof(ExactMessages))]
    public void MalformedStructureIsNamedExactly(string json, string message)
    {
        var error = Assert.Throws<InvalidManifestException>(() => Engines.Default.Evaluate(Json.Parse(json)));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("containers", "\"x\"", "Deployment default/web: spec.template.spec.containers must be a list, found a string")]
    [InlineData("containers", "[\"x\"]", "Deployment default/web: spec.template.spec.containers[0] must be an object, found a string")]
    [InlineData("containers.0.securityContext.runAsUser", "\"0\"", "Deployment default/web: spec.template.spec.containers[0].securityContext.runAsUser must be a number, found a string")]
    [InlineData("containers.0.resources.requests", "[]", "Deployment default/web: spec.template.spec.containers[0].resources.requests must be a map, found a list")]
    public void FieldsOfTheWrongTypeAreNamedWithTheirPath(string field, string valueJson, string messageStart)
    {
        var spec = PodSpecs.Compliant();
        var manifest = Objects.Deployment(field == "containers" ? spec.Set("containers", JsonNode.Parse(valueJson)) : WithFirstContainer(spec, field["containers.0.".Length..], valueJson));

        var error = Assert.Throws<InvalidManifestException>(() => Engines.Evaluate(manifest));

        Assert.Equal(messageStart, error.Message);
    }

    [Fact]
    public void QuantityThatDoesNotParseIsNamedWithItsPath()
    {
        var spec = PodSpecs.With(Containers.Compliant("app"), Containers.Compliant("sidecar").WithRequests(("cpu", "abc"), ("memory", "64Mi")));

        var error = Assert.Throws<InvalidManifestException>(() => Engines.Evaluate(Objects.Deployment(spec)));

        // Which container, which resource, and the value: two containers make "spec.template.spec" alone useless.
        Assert.StartsWith("Deployment default/web: spec.template.spec.containers[1].resources.requests.cpu ", error.Message);
        Assert.Contains("abc", error.Message);
    }

    [Theory]
    [InlineData("\"web\"")]
    [InlineData("[]")]
    public void MetadataThatIsNotAnObjectIsRefused(string metadataJson)
    {
        var manifest = Objects.Deployment(PodSpecs.Compliant()).Set("metadata", JsonNode.Parse(metadataJson));

        var error = Assert.Throws<InvalidManifestException>(() => Engines.Evaluate(manifest));

        Assert.Contains("metadata must be an object", error.Message);
    }

    [Theory]
    [InlineData("apiVersion", "apiVersion is missing")]
    [InlineData("kind", "kind is missing")]
    public void MissingApiVersionOrKindNamesTheObject(string field, string problem)
    {
        var manifest = Objects.Deployment(PodSpecs.Compliant()).Without(field);

        var error = Assert.Throws<InvalidManifestException>(() => Engines.Evaluate(manifest));

        Assert.Contains(problem, error.Message);
        Assert.Contains("web", error.Message);
    }

    [Theory]
    [InlineData("apiVersion", 1)]
    [InlineData("kind", 2)]
    public void ApiVersionOrKindThatIsNotAStringIsRefused(string field, int value)
    {
        var manifest = Objects.Deployment(PodSpecs.Compliant()).Set(field, value);

        var error = Assert.Throws<InvalidManifestException>(() => Engines.Evaluate(manifest));

        Assert.Contains($"{field} must be a string, found a number", error.Message);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("namespace")]
    [InlineData("generateName")]
    public void MetadataFieldThatIsNotAStringIsNamedWithItsPath(string field)
    {
        // generateName is only read when there is no name.
        var manifest = Objects.Deployment(PodSpecs.Compliant(), name: field == "generateName" ? null : "web").Set($"metadata.{field}", 42);

        var error = Assert.Throws<InvalidManifestException>(() => Engines.Evaluate(manifest));

        Assert.Contains($"metadata.{field} must be a string, found a number", error.Message);
        Assert.Contains("Deployment", error.Message);
    }

    private static JsonObject WithFirstContainer(JsonObject spec, string path, string valueJson)
    {
        ((JsonObject)spec["containers"]![0]!).Set(path, JsonNode.Parse(valueJson));
        return spec;
    }
}
