using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Platform.Jenkins;

/// <summary>The admin password exists only in the Secret generated at install time; the chart reads it by name and keys.</summary>
public sealed partial class JenkinsAdminSecretTests
{
    private readonly YamlMappingNode _values = JenkinsFiles.Values();

    private readonly YamlMappingNode _secret = (YamlMappingNode)Assert.Single(JenkinsFiles.Items(JenkinsFiles.Release(), "secrets"));

    [Fact]
    public void TheChartReadsTheAdminFromTheReleasesSecret() =>
        Assert.Equal(JenkinsFiles.Text(_secret, "name"), JenkinsFiles.Text(_values, "controller", "admin", "existingSecret"));

    [Fact]
    public void TheUserAndPasswordKeysAreTheKeysTheReleaseWritesIntoTheSecret()
    {
        var literal = JenkinsFiles.StringMap(JenkinsFiles.At(_secret, "literal"));
        var generated = JenkinsFiles.Items(_secret, "generate").Select(k => ((YamlScalarNode)k).Value!).ToList();

        Assert.Equal(JenkinsFiles.Text(_values, "controller", "admin", "userKey"), Assert.Single(literal.Keys));
        Assert.Equal(JenkinsFiles.Text(_values, "controller", "admin", "passwordKey"), Assert.Single(generated));
    }

    [Fact]
    public void TheChartStillMountsTheSecretWhichItOnlyDoesWithCreateSecretOn()
    {
        // templates/jenkins-controller-statefulset.yaml projects existingSecret into the JCasC secrets only under createSecret;
        // templates/secret.yaml creates nothing when existingSecret is set.
        Assert.Equal("true", JenkinsFiles.Text(_values, "controller", "admin", "createSecret"));
    }

    [Fact]
    public void NoPasswordOrTokenIsWrittenInTheValues()
    {
        Assert.Null(JenkinsFiles.Find(_values, "controller", "admin", "password"));
        var offending = Settings(_values, "")
            .Where(s => SecretName().IsMatch(s.Key) && !s.Key.EndsWith("Key", StringComparison.Ordinal) && s.Value.Length > 0)
            .Select(s => $"{s.Path} = {s.Value}")
            .ToList();
        var literalEnvironment = JenkinsFiles.Items(_values, "controller", "containerEnv")
            .Where(env => SecretName().IsMatch(JenkinsFiles.Text(env, "name")) && JenkinsFiles.Find(env, "value") is not null)
            .Select(env => JenkinsFiles.Text(env, "name"));

        Assert.Empty(offending);
        Assert.Empty(literalEnvironment);
    }

    [Fact]
    public void TheJcascScriptsReferToSecretsOnlyThroughVariables()
    {
        var literals = JobDsl.ConfigScripts(_values).Values
            .SelectMany(script => Settings(script, ""))
            .Where(s => SecretName().IsMatch(s.Key) && !s.Value.StartsWith("${", StringComparison.Ordinal))
            .Select(s => $"{s.Path} = {s.Value}")
            .ToList();

        Assert.Empty(literals);
    }

    private static IEnumerable<(string Path, string Key, string Value)> Settings(YamlNode node, string path) => node switch
    {
        YamlMappingNode mapping => mapping.Children.SelectMany(pair =>
            pair.Value is YamlScalarNode { Value: var value } && pair.Key is YamlScalarNode { Value: { } key }
                ? [($"{path}.{key}", key, value ?? "")]
                : Settings(pair.Value, $"{path}.{((YamlScalarNode)pair.Key).Value}")),
        YamlSequenceNode sequence => sequence.Children.SelectMany(child => Settings(child, path + "[]")),
        _ => [],
    };

    [GeneratedRegex("password|passwd|token", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
