using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Logging;

/// <summary>
/// The logging step's files under deploy/platform, read as Ansible would hand them to Kubernetes: every
/// <c>{{ var }}</c> replaced by the group variable (the platform defaults of the brief and deploy/cluster's group
/// vars). Anything else Jinja would see is an error, so a file that renders here renders the same in the playbook.
/// </summary>
internal static partial class LoggingFiles
{
    public static readonly string Platform = Repository.Path("deploy", "platform");

    public static readonly string[] Releases = ["70-eck-operator.yml", "71-elastic-stack.yml", "72-fluent-bit.yml"];

    public static readonly IReadOnlyDictionary<string, string> GroupVars = LoadGroupVars();

    public static string PathOf(string relativeToPlatform) => Path.Combine(Platform, relativeToPlatform);

    public static JsonObject Release(string file) =>
        KubeObjects.Parse(File.ReadAllText(PathOf(Path.Combine("releases", file)))).Single();

    /// <summary>The file with its Jinja variables substituted.</summary>
    public static string Render(string relativeToPlatform)
    {
        var text = File.ReadAllText(PathOf(relativeToPlatform));
        var rendered = JinjaVariable().Replace(text, match => GroupVars.TryGetValue(match.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"{relativeToPlatform}: unknown variable {match.Groups[1].Value}"));
        Assert.False(JinjaSyntax().IsMatch(rendered), $"{relativeToPlatform}: Jinja syntax other than {{{{ variable }}}} left");
        return rendered;
    }

    public static IReadOnlyList<JsonObject> Objects(string relativeToPlatform) => KubeObjects.Parse(Render(relativeToPlatform));

    /// <summary>Every manifest the releases 70–72 apply, before and after their charts.</summary>
    public static IReadOnlyList<string> Manifests() =>
        [.. Releases.Select(Release).SelectMany(r => r["manifests_before"].Strings().Concat(r["manifests_after"].Strings()))];

    public static JsonObject Values(string release) => KubeObjects.Parse(Render((string)Release(release)["values"]!)).Single()!;

    private static Dictionary<string, string> LoadGroupVars()
    {
        var cluster = YamlSettings.LoadFile(Repository.Path("deploy", "cluster", "group_vars", "all.yml"));
        return new Dictionary<string, string>
        {
            ["platform_domain"] = "shipshape.test",
            ["platform_ingress_class"] = "nginx",
            ["platform_cluster_issuer"] = "shipshape-ca",
            ["platform_storage_class"] = "openebs-hostpath",
            ["ci_node_taint_key"] = YamlSettings.Scalar(cluster, "ci_node_taint_key"),
            ["ci_node_taint_value"] = YamlSettings.Scalar(cluster, "ci_node_taint_value"),
            ["ci_node_taint_effect"] = YamlSettings.Scalar(cluster, "ci_node_taint_effect"),
        };
    }

    [GeneratedRegex(@"\{\{ *([a-z_]+) *\}\}")]
    private static partial Regex JinjaVariable();

    [GeneratedRegex(@"\{\{|\{%|\{#")]
    private static partial Regex JinjaSyntax();
}
