using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Observability;

/// <summary>Echo's rule file, its promtool tests, the dashboard and the runbook, read from the chart and docs/.</summary>
internal static class ObservabilityFiles
{
    public static string Chart => Repository.Path("deploy", "charts", "echo");

    public static string Rules => Repository.Path("deploy", "charts", "echo", "files", "prometheus", "echo-rules.yaml");

    public static string RuleTests => Repository.Path("deploy", "charts", "echo", "files", "prometheus", "echo-rules.test.yaml");

    public static string Dashboard => Repository.Path("deploy", "charts", "echo", "files", "grafana", "echo-dashboard.json");

    public static string Runbook => Repository.Path("docs", "runbooks", "echo.md");

    public static YamlMappingNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    /// <summary>Every rule of the file, alerting and recording.</summary>
    public static IReadOnlyList<YamlMappingNode> RuleNodes() =>
        [.. ((YamlSequenceNode)LoadYaml(Rules)["groups"]).Cast<YamlMappingNode>()
            .SelectMany(group => ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())];

    public static IReadOnlyList<YamlMappingNode> Alerts() => [.. RuleNodes().Where(rule => rule.Children.ContainsKey("alert"))];

    public static IReadOnlyList<string> RecordedNames() =>
        [.. RuleNodes().Where(rule => rule.Children.ContainsKey("record")).Select(rule => Scalar(rule, "record"))];

    public static JsonObject LoadDashboard() => (JsonObject)JsonNode.Parse(File.ReadAllText(Dashboard))!;

    public static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode { Value: { } text } ? text : "";
}
