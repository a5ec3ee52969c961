using System.Text.Json.Nodes;

namespace Shipshape.Deploy.Tests.Support;

/// <summary>Kubernetes label selector semantics (matchLabels and matchExpressions, all ANDed).</summary>
public static class LabelSelector
{
    public static bool Matches(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        var matchLabels = selector?["matchLabels"]?.AsObject() ?? [];
        var expressions = selector?["matchExpressions"]?.AsArray() ?? [];
        return matchLabels.All(l => labels.TryGetValue(l.Key, out var v) && v == (string)l.Value!)
            && expressions.All(e => Holds(e!, labels));
    }

    private static bool Holds(JsonNode expression, IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue((string)expression["key"]!, out var value);
        var values = expression["values"].Strings();
        return (string)expression["operator"]! switch
        {
            "In" => present && values.Contains(value),
            "NotIn" => !present || !values.Contains(value),
            "Exists" => present,
            "DoesNotExist" => !present,
            var other => throw new InvalidOperationException($"unknown selector operator {other}"),
        };
    }
}
