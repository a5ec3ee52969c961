using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shipshape.Deploy.Tests.Cluster;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>
/// Every secret value is generated at install time: the steps' Secrets hold fresh random values, and no password,
/// token or key is written in the repository (the public solution committed its passwords).
/// </summary>
[Collection(PlatformRenderingGroup.Name)]
public sealed partial class SecretsTests(PlatformRendering rendering)
{
    [Fact]
    public void EveryGeneratedSecretValueIs32RandomLettersAndDigitsAndLiteralsStayAsWritten()
    {
        var declared = rendering.Steps.SelectMany(s => ((s.Step["secrets"] as JsonArray) ?? []).Select(d => (Step: s, Declared: (JsonObject)d!))).ToList();
        Assert.NotEmpty(declared);

        foreach (var (step, secretDeclaration) in declared)
        {
            var name = (string)secretDeclaration["name"]!;
            var secret = step.Secrets.Single(s => (string)s["metadata"]!["name"]! == name);
            var data = (JsonObject)secret["stringData"]!;
            Assert.Equal("Secret", (string)secret["kind"]!);
            Assert.Equal((string?)secretDeclaration["namespace"] ?? step.Namespace, (string)secret["metadata"]!["namespace"]!);

            var generated = ((JsonArray?)secretDeclaration["generate"] ?? []).Select(k => (string)k!).ToList();
            Assert.All(generated, key => Assert.Matches("^[A-Za-z0-9]{32}$", (string)data[key]!));
            Assert.Equal(generated.Count, generated.Select(k => (string)data[k]!).Distinct().Count());
            foreach (var (key, value) in (JsonObject?)secretDeclaration["literal"] ?? [])
            {
                Assert.Equal(value!.ToString(), (string)data[key]!);
            }
        }
    }

    [Fact]
    public void NoTrackedFileHoldsAKeyCertificateOrCredential()
    {
        var result = ClusterFiles.RunOk("bash", [Repository.Path("scripts", "scan-secrets.sh")]);

        Assert.Contains("no secrets", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void NoDeploymentFileSetsAPasswordTokenOrKeyLiterally()
    {
        var files = Directory.EnumerateFiles(Repository.Path("deploy"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}templates{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        var literals = files.SelectMany(f => LiteralCredentials(File.ReadAllText(f)).Select(k => $"{Path.GetRelativePath(Repository.Root, f)}: {k}")).ToList();

        Assert.True(files.Count > 20, "deploy/ holds the charts and the platform");
        Assert.True(literals.Count == 0, "credentials written in the repository (generate them at install; reference a Secret):\n  " + string.Join("\n  ", literals));
    }

    [Fact]
    public void TheCredentialScanFindsALiteralPasswordButNotASecretReference()
    {
        const string yaml = """
            grafana:
              adminPassword: hunter2hunter2
              admin: {existingSecret: grafana-admin, passwordKey: admin-password}
            env:
              - {name: TOKEN, value: "{{ lookup('env', 'TOKEN') }}"}
            auth: {token: ""}
            pod: {automountServiceAccountToken: false}
            filebeat: {password: '${ES_PASSWORD:?set ES_PASSWORD}'}
            s3: {secretAccessKey: AWS_SECRET_ACCESS_KEY, accessKey: plain-text-key}
            """;

        Assert.Equal(["grafana.adminPassword", "s3.accessKey"], LiteralCredentials(yaml));
    }

    /// <summary>Key paths whose key names a credential and whose value is written out (not empty, not a Jinja expression).</summary>
    private static IEnumerable<string> LiteralCredentials(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.SelectMany(d => Walk(d.RootNode, ""));

        static IEnumerable<string> Walk(YamlNode node, string path) => node switch
        {
            YamlMappingNode map => map.Children.SelectMany(pair =>
            {
                var key = ((YamlScalarNode)pair.Key).Value ?? "";
                var childPath = path.Length == 0 ? key : $"{path}.{key}";
                return pair.Value is YamlScalarNode { Value: { Length: > 0 } value } && CredentialKey().IsMatch(key) && !Reference().IsMatch(value)
                    ? [childPath]
                    : Walk(pair.Value, childPath);
            }),
            YamlSequenceNode list => list.Children.SelectMany(item => Walk(item, path + "[]")),
            _ => [],
        };
    }

    /// <summary>
    /// Not a credential: a Jinja expression, an environment reference (${VAR…}), the name of a variable or Secret key
    /// (UPPER_SNAKE), or a boolean or number (automountServiceAccountToken: false).
    /// </summary>
    [GeneratedRegex(@"^(.*\{\{.*\}\}.*|\$\{[^}]+\}|[A-Z][A-Z0-9]*(_[A-Z0-9]+)+|true|false|[0-9]+)$")]
    private static partial Regex Reference();

    [GeneratedRegex("(?i)(password|passwd|token|api_?key|secret_?key|private_?key|access_?key)$")]
    private static partial Regex CredentialKey();
}
