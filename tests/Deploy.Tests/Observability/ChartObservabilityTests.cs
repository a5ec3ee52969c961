using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Observability;

/// <summary>The chart's PrometheusRule and dashboard ConfigMap, rendered with helm, against the files they carry.</summary>
public sealed class ChartObservabilityTests
{
    private static readonly string[] Enabled =
        ["--set", "metrics.prometheusRule.enabled=true", "--set", "metrics.prometheusRule.labels.release=kube-prometheus-stack", "--set", "metrics.dashboard.enabled=true"];

    [Fact]
    public void ThePrometheusRuleCarriesExactlyTheGroupsOfTheRuleFile()
    {
        var rule = Single(Render(Enabled), "PrometheusRule");
        Assert.Equal("monitoring.coreos.com/v1", ObservabilityFiles.Scalar(rule, "apiVersion"));
        Assert.Equal("kube-prometheus-stack", ObservabilityFiles.Scalar((YamlMappingNode)rule["metadata"]["labels"], "release"));
        Assert.Equal(Canonical(ObservabilityFiles.LoadYaml(ObservabilityFiles.Rules)["groups"]), Canonical(rule["spec"]["groups"]));
    }

    [Fact]
    public void TheDashboardConfigMapHasTheSidecarLabelAndTheDashboardAsValidJson()
    {
        var map = Single(Render([.. Enabled, "--set", "metrics.dashboard.annotations.grafana_folder=Shipshape"]), "ConfigMap", "-dashboard");
        var metadata = (YamlMappingNode)map["metadata"];
        Assert.Equal("1", ObservabilityFiles.Scalar((YamlMappingNode)metadata["labels"], "grafana_dashboard"));
        Assert.Equal("Shipshape", ObservabilityFiles.Scalar((YamlMappingNode)metadata["annotations"], "grafana_folder"));
        var json = ObservabilityFiles.Scalar((YamlMappingNode)map["data"], "echo-dashboard.json");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), ObservabilityFiles.LoadDashboard()), "the ConfigMap's dashboard differs from files/grafana/echo-dashboard.json");
    }

    [Fact]
    public void TheDashboardHasADatasourceAndANamespaceVariableAndACurrentSchema()
    {
        var dashboard = ObservabilityFiles.LoadDashboard();
        var variables = ((JsonArray)dashboard["templating"]!["list"]!).Cast<JsonObject>().ToDictionary(v => (string)v["name"]!);
        Assert.Equal("datasource", (string?)variables["datasource"]["type"]);
        Assert.Equal("prometheus", (string?)variables["datasource"]["query"]);
        Assert.Equal("query", (string?)variables["namespace"]["type"]);
        Assert.True((int)dashboard["schemaVersion"]! >= 39, "schemaVersion older than Grafana 11's");
        var panels = ((JsonArray)dashboard["panels"]!).Cast<JsonObject>().ToList();
        Assert.Equal(panels.Count, panels.Select(p => (int)p["id"]!).Distinct().Count());
        Assert.All(panels, p => Assert.Equal("${datasource}", (string?)p["datasource"]!["uid"]));
    }

    [Fact]
    public void NothingIsRenderedByDefault()
    {
        var objects = Render([]);
        Assert.DoesNotContain(objects, o => ObservabilityFiles.Scalar(o, "kind") == "PrometheusRule");
        Assert.DoesNotContain(objects, o => ObservabilityFiles.Scalar(o, "kind") == "ConfigMap"
            && ObservabilityFiles.Scalar((YamlMappingNode)o["metadata"], "name").EndsWith("-dashboard", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRulesNameTheContainersAndWorkloadsTheChartRenders()
    {
        var objects = Render(["-f", Path.Combine(ObservabilityFiles.Chart, "ci", "archive-sidecar-values.yaml")]);
        var deployment = Single(objects, "Deployment");
        var spec = (YamlMappingNode)deployment["spec"]["template"]["spec"];
        var containers = Names(spec, "containers").Concat(Names(spec, "initContainers")).ToList();
        var rules = File.ReadAllText(ObservabilityFiles.Rules);
        Assert.Contains("echo", containers);
        Assert.Contains("log-archiver", containers);
        Assert.Contains("container=\"echo\"", rules, StringComparison.Ordinal);
        Assert.Contains("container=\"log-archiver\"", rules, StringComparison.Ordinal);
        // The rules select Deployments and HPAs by a name containing "echo".
        Assert.Contains("echo", ObservabilityFiles.Scalar((YamlMappingNode)deployment["metadata"], "name"), StringComparison.Ordinal);
        if (objects.FirstOrDefault(o => ObservabilityFiles.Scalar(o, "kind") == "HorizontalPodAutoscaler") is { } hpa)
        {
            Assert.Contains("echo", ObservabilityFiles.Scalar((YamlMappingNode)hpa["metadata"], "name"), StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> Names(YamlMappingNode spec, string key) =>
        spec.Children.TryGetValue(key, out var list) ? ((YamlSequenceNode)list).Cast<YamlMappingNode>().Select(c => ObservabilityFiles.Scalar(c, "name")) : [];

    private static List<YamlMappingNode> Render(string[] arguments)
    {
        var result = Support.Tools.RunHelm(["template", "shop", ObservabilityFiles.Chart, "--namespace", "shop", .. arguments]);
        Assert.True(result.ExitCode == 0, result.Describe());
        var stream = new YamlStream();
        stream.Load(new StringReader(result.Stdout));
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    private static YamlMappingNode Single(List<YamlMappingNode> objects, string kind, string nameSuffix = "") =>
        Assert.Single(objects, o => ObservabilityFiles.Scalar(o, "kind") == kind
            && ObservabilityFiles.Scalar((YamlMappingNode)o["metadata"], "name").EndsWith(nameSuffix, StringComparison.Ordinal));

    /// <summary>A YAML tree as JSON with mapping keys sorted: equal for equal data, whatever the formatting.</summary>
    private static string Canonical(YamlNode node) => ToJson(node)!.ToJsonString();

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children
            .OrderBy(c => ((YamlScalarNode)c.Key).Value, StringComparer.Ordinal)
            .Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };
}
