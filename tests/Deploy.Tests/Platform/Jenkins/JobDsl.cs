using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Platform.Jenkins;

/// <summary>A pipeline job that the Job DSL scripts in controller.JCasC.configScripts define.</summary>
public sealed record PipelineJob(string Name, string ScriptPath, string RepositoryUrl, string Branch, IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// The JCasC <c>jobs:</c> scripts of the values and the <c>pipelineJob</c>s in them, read with patterns for the
/// calls our scripts use (scriptPath, url, branch, stringParam); Jenkins itself runs them only on a real cluster.
/// </summary>
public static partial class JobDsl
{
    /// <summary>Every JCasC config script by name, parsed as YAML (what the configuration-as-code plugin reads).</summary>
    public static IReadOnlyDictionary<string, YamlMappingNode> ConfigScripts(YamlNode values) =>
        ((YamlMappingNode)JenkinsFiles.At(values, "controller", "JCasC", "configScripts")).Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value!, pair => JenkinsFiles.Parse(((YamlScalarNode)pair.Value).Value!));

    public static IReadOnlyList<string> Scripts(YamlNode values) =>
        [.. ConfigScripts(values).Values
            .Where(script => script.Children.ContainsKey(new YamlScalarNode("jobs")))
            .SelectMany(script => JenkinsFiles.Items(script, "jobs"))
            .Select(job => JenkinsFiles.Text(job, "script"))];

    public static IReadOnlyList<PipelineJob> PipelineJobs(YamlNode values) =>
        [.. Scripts(values).SelectMany(script => JobStart().Split(script).Skip(1).Chunk(2)).Select(pair => Job(pair[0], pair[1]))];

    private static PipelineJob Job(string name, string body) => new(
        name,
        One(ScriptPath(), body, name),
        One(Url(), body, name),
        One(Branch(), body, name),
        StringParam().Matches(body).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["default"].Value));

    private static string One(Regex pattern, string body, string job) =>
        pattern.Matches(body) is [var match] ? match.Groups[1].Value : throw new InvalidOperationException($"job {job}: not exactly one {pattern}");

    [GeneratedRegex(@"pipelineJob\('([^']+)'\)")]
    private static partial Regex JobStart();

    [GeneratedRegex(@"scriptPath\('([^']+)'\)")]
    private static partial Regex ScriptPath();

    [GeneratedRegex(@"url\('([^']+)'\)")]
    private static partial Regex Url();

    [GeneratedRegex(@"branch\('([^']+)'\)")]
    private static partial Regex Branch();

    [GeneratedRegex(@"stringParam\('(?<name>[^']+)',\s*'(?<default>[^']*)'")]
    private static partial Regex StringParam();
}
