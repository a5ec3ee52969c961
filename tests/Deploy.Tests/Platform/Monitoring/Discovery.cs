using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Monitoring;

/// <summary>Whether our Prometheus and Grafana would pick up a rendered object, by the selectors in values.yaml.</summary>
internal static class Discovery
{
    private static readonly Dictionary<string, string> SelectorPrefix = new()
    {
        ["ServiceMonitor"] = "serviceMonitor",
        ["PodMonitor"] = "podMonitor",
        ["PrometheusRule"] = "rule",
    };

    public static JsonNode Selector(string kind) => MonitoringFiles.At($"prometheus.prometheusSpec.{SelectorPrefix[kind]}Selector");

    public static JsonNode NamespaceSelector(string kind) => MonitoringFiles.At($"prometheus.prometheusSpec.{SelectorPrefix[kind]}NamespaceSelector");

    /// <summary>Prometheus selects the object: its labels match the kind's selector and its namespace the namespace selector.</summary>
    public static bool PrometheusSelects(JsonObject monitoringObject) =>
        LabelSelector.Matches(Selector(monitoringObject.Kind()), Labels(monitoringObject))
        && LabelSelector.Matches(NamespaceSelector(monitoringObject.Kind()), NamespaceLabels((string)monitoringObject["metadata"]!["namespace"]!));

    /// <summary>Grafana's dashboard sidecar loads the ConfigMap: it carries the label with the value, in a namespace searched.</summary>
    public static bool GrafanaLoads(JsonObject configMap)
    {
        var sidecar = MonitoringFiles.At("grafana.sidecar.dashboards");
        var searched = (string)sidecar["searchNamespace"]!;
        return (bool)sidecar["enabled"]!
            && Labels(configMap).TryGetValue((string)sidecar["label"]!, out var value)
            && value == (string)sidecar["labelValue"]!
            && (searched == "ALL" || searched.Split(',').Contains((string)configMap["metadata"]!["namespace"]!));
    }

    public static IReadOnlyDictionary<string, string> Labels(JsonObject manifest) =>
        (manifest["metadata"]!["labels"]?.AsObject() ?? []).ToDictionary(l => l.Key, l => l.Value!.ToString());

    // The API server labels every namespace with its name; nothing else can be assumed of an app's namespace.
    private static Dictionary<string, string> NamespaceLabels(string name) => new() { ["kubernetes.io/metadata.name"] = name };
}
