using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Observability;

/// <summary>A PromQL expression as Prometheus receives it, and where it comes from.</summary>
public sealed record PromQlExpression(string Origin, string Expression)
{
    public override string ToString() => Origin;
}

/// <summary>Every PromQL expression Echo's observability sends to Prometheus: rules, dashboard, canary analysis.</summary>
internal static class PromQlSources
{
    /// <summary>Sample values of the dashboard's own variables.</summary>
    private static readonly Dictionary<string, string> DashboardSamples = new() { ["namespace"] = "shop", ["datasource"] = "prometheus" };

    public static IReadOnlyList<PromQlExpression> Rules() =>
        [.. ObservabilityFiles.RuleNodes().Select(rule => new PromQlExpression(
            $"rule {ObservabilityFiles.Scalar(rule, "alert")}{ObservabilityFiles.Scalar(rule, "record")}", ObservabilityFiles.Scalar(rule, "expr")))];

    public static IReadOnlyList<PromQlExpression> Dashboard()
    {
        var dashboard = ObservabilityFiles.LoadDashboard();
        var expressions = new List<PromQlExpression>();
        foreach (var panel in ((JsonArray)dashboard["panels"]!).Cast<JsonObject>())
        {
            foreach (var target in ((JsonArray?)panel["targets"] ?? []).Cast<JsonObject>())
            {
                var expr = (string?)target["expr"] ?? throw new InvalidOperationException($"panel {panel["title"]} has a target without expr");
                expressions.Add(new($"dashboard panel \"{panel["title"]}\" target {target["refId"]}", PromQl.SubstituteGrafanaVariables(expr, DashboardSamples)));
            }
        }

        foreach (var variable in ((JsonArray)dashboard["templating"]!["list"]!).Cast<JsonObject>().Where(v => (string?)v["type"] == "query"))
        {
            var query = variable["query"] is JsonObject q ? (string)q["query"]! : (string)variable["query"]!;
            expressions.Add(new($"dashboard variable {variable["name"]}", PromQl.SubstituteGrafanaVariables(PromQl.VariableQueryExpression(query), DashboardSamples)));
        }

        return expressions;
    }

    /// <summary>Whether the chart has a template for the canary's AnalysisTemplate (written with the canary work).</summary>
    public static bool HasAnalysisTemplate =>
        Directory.EnumerateFiles(Path.Combine(ObservabilityFiles.Chart, "templates"), "*.yaml")
            .Any(file => File.ReadAllText(file).Contains("kind: AnalysisTemplate", StringComparison.Ordinal));

    /// <summary>The Prometheus queries of the AnalysisTemplate(s) the chart renders with its canary profile.</summary>
    public static IReadOnlyList<PromQlExpression> AnalysisTemplate()
    {
        var rendered = Support.Tools.RunHelm("template", "shop", ObservabilityFiles.Chart, "-f", Path.Combine(ObservabilityFiles.Chart, "ci", "canary-values.yaml"));
        Assert.True(rendered.ExitCode == 0, rendered.Describe());
        var stream = new YamlStream();
        stream.Load(new StringReader(rendered.Stdout));
        var expressions = new List<PromQlExpression>();
        foreach (var document in stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()
            .Where(d => ObservabilityFiles.Scalar(d, "kind") == "AnalysisTemplate"))
        {
            var name = ObservabilityFiles.Scalar((YamlMappingNode)document["metadata"], "name");
            foreach (var metric in ((YamlSequenceNode)document["spec"]["metrics"]).Cast<YamlMappingNode>())
            {
                if (metric.Children.TryGetValue("provider", out var provider) && provider is YamlMappingNode p
                    && p.Children.TryGetValue("prometheus", out var prometheus) && prometheus is YamlMappingNode prom)
                {
                    expressions.Add(new($"AnalysisTemplate {name} metric {ObservabilityFiles.Scalar(metric, "name")}",
                        PromQl.SubstituteAnalysisArguments(ObservabilityFiles.Scalar(prom, "query"))));
                }
            }
        }

        return expressions;
    }

    /// <summary>All of them (the AnalysisTemplate's once the chart has one).</summary>
    public static IReadOnlyList<PromQlExpression> All() => [.. Rules(), .. Dashboard(), .. HasAnalysisTemplate ? AnalysisTemplate() : []];
}
