using Shipshape.Policy.Manifests;

namespace Shipshape.Cli.Tests.Manifests;

/// <summary>
/// Plain scalars get the JSON type kubectl gives them: kubectl converts YAML with sigs.k8s.io/yaml, whose go-yaml v2
/// follows YAML 1.1, so yes/no/on/off are booleans there and here. Quoted scalars and !!str are always strings.
/// </summary>
public sealed class ScalarTypingTests
{
    [Theory]
    [InlineData("cpu: 1", "1")]
    [InlineData("cpu: \"1\"", "\"1\"")]
    [InlineData("cpu: '500m'", "\"500m\"")]
    [InlineData("cpu: 500m", "\"500m\"")]
    [InlineData("cpu: 0.5", "0.5")]
    [InlineData("runAsUser: 0", "0")]
    [InlineData("runAsUser: -1", "-1")]
    [InlineData("privileged: true", "true")]
    [InlineData("privileged: False", "false")]
    [InlineData("privileged: \"true\"", "\"true\"")]
    [InlineData("value: yes", "true")]
    [InlineData("value: on", "true")]
    [InlineData("value: Off", "false")]
    [InlineData("value: n", "false")]
    [InlineData("value: 'on'", "\"on\"")]
    [InlineData("value: !!str on", "\"on\"")]
    [InlineData("value: !!str 1", "\"1\"")]
    [InlineData("value: !!int \"7\"", "7")]
    [InlineData("value: onion", "\"onion\"")]
    [InlineData("value: ~", "null")]
    [InlineData("value: null", "null")]
    [InlineData("value:", "null")]
    [InlineData("value: \"\"", "\"\"")]
    [InlineData("value: 0x1F", "31")]
    [InlineData("value: 017", "15")]
    [InlineData("value: 0o17", "15")]
    [InlineData("value: 1_000", "1000")]
    [InlineData("value: 1e3", "1000")]
    [InlineData("value: .5", "0.5")]
    [InlineData("value: 123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("value: 2024-01-01", "\"2024-01-01\"")]
    [InlineData("value: 1.2.3", "\"1.2.3\"")]
    [InlineData("value: 08", "8")]
    [InlineData("value: |\n  1\n", "\"1\\n\"")]
    [InlineData("value: !custom 5", "\"5\"")]
    [InlineData("1: numeric key", "\"numeric key\"")]
    public void PlainScalarsAreTypedAsKubectlTypesThem(string yaml, string json)
    {
        var document = Assert.Single(ManifestReader.Read(yaml, "scalars.yaml"));

        var value = Assert.Single(document.Json.EnumerateObject()).Value;
        Assert.Equal(json, value.GetRawText());
    }

    [Fact]
    public void NumberAndBooleanKeysBecomeTheirText()
    {
        var document = Assert.Single(ManifestReader.Read("1: a\nyes: b\n0x10: c\n", "keys.yaml"));

        Assert.Equal(["1", "true", "16"], document.Json.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("value: .nan")]
    [InlineData("value: -.inf")]
    [InlineData("value: !!int abc")]
    [InlineData("~: null key")]
    public void ValuesJsonCannotHoldAreErrors(string yaml)
    {
        var error = Assert.Throws<ManifestSyntaxException>(() => ManifestReader.Read(yaml, "bad.yaml").ToList());

        Assert.StartsWith("bad.yaml: document 1 (line 1): ", error.Message, StringComparison.Ordinal);
    }
}
