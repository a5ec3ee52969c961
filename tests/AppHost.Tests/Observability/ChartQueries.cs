using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Shipshape.AppHost.Tests.Observability;

/// <summary>Every PromQL expression the chart ships: its rules (recording and alerting) and its Grafana dashboard's panels.</summary>
public static class ChartQueries
{
    public const string Namespace = Shipshape.AppHost.Local.PrometheusConfig.Namespace;

    /// <summary>Metrics only a cluster has (kube-state-metrics, cAdvisor): no local process exports them, so they return nothing here.</summary>
    public static bool NeedsCluster(string expression) =>
        expression.Contains("kube_", StringComparison.Ordinal) || expression.Contains("container_", StringComparison.Ordinal);

    /// <summary>
    /// Queries of 5xx answers only, without the rules' "or 0" fallback: empty until the first 5xx, since Echo exports no
    /// 5xx series before then. They are checked for data on a system with injected faults (AlertingTests).
    /// </summary>
    public static bool SelectsOnlyErrors(string expression) =>
        expression.Contains("http_response_status_code=~\"5..\"", StringComparison.Ordinal) && !expression.Contains(" or", StringComparison.Ordinal);

    public static IReadOnlyList<(string Name, string Expression, bool Alert)> Rules(string rulesFile)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(rulesFile))
        {
            yaml.Load(reader);
        }
        var groups = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"];
        return [.. groups.Cast<YamlMappingNode>()
            .SelectMany(group => ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            .Select(rule => rule.Children.TryGetValue("alert", out var alert)
                ? (((YamlScalarNode)alert).Value!, ((YamlScalarNode)rule["expr"]).Value!, true)
                : (((YamlScalarNode)rule["record"]).Value!, ((YamlScalarNode)rule["expr"]).Value!, false))];
    }

    /// <summary>The dashboard's panel queries by panel title, with Grafana's variables filled in as Grafana would locally.</summary>
    public static IReadOnlyList<(string Panel, string Expression)> Dashboard(string dashboardFile)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(dashboardFile));
        var queries = new List<(string, string)>();
        Collect(json.RootElement.GetProperty("panels"), null, queries);
        return queries;
    }

    private static void Collect(JsonElement element, string? panel, List<(string, string)> queries)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, panel, queries);
                }
                break;
            case JsonValueKind.Object:
                var title = element.TryGetProperty("title", out var t) ? t.GetString() : panel;
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "expr")
                    {
                        queries.Add((title ?? "?", Fill(property.Value.GetString()!)));
                    }
                    else
                    {
                        Collect(property.Value, title, queries);
                    }
                }
                break;
            default:
                break;
        }
    }

    private static string Fill(string expression) => expression
        .Replace("$namespace", Namespace, StringComparison.Ordinal)
        .Replace("$__rate_interval", "1m", StringComparison.Ordinal);
}
