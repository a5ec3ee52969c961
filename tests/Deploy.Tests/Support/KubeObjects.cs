using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Support;

/// <summary>
/// Rendered manifests as JSON objects, read the way the API server reads YAML (YAML 1.1 plain scalars:
/// true/false/yes/no, integers, octal 0440, null), so tests see the types Kubernetes would see.
/// </summary>
public static class KubeObjects
{
    public static IReadOnlyList<JsonObject> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents
            .Select(document => ToJson(document.RootNode))
            .OfType<JsonObject>()
            .ToList();
    }

    public static string Kind(this JsonObject manifest) => (string)manifest["kind"]!;

    public static string Name(this JsonObject manifest) => (string)manifest["metadata"]!["name"]!;

    public static IEnumerable<JsonObject> OfKind(this IEnumerable<JsonObject> manifests, string kind) =>
        manifests.Where(m => m.Kind() == kind);

    /// <summary>The one object of a kind, failing with the kinds present when there is not exactly one.</summary>
    public static JsonObject One(this IReadOnlyList<JsonObject> manifests, string kind)
    {
        var found = manifests.OfKind(kind).ToList();
        Assert.True(found.Count == 1, $"expected one {kind}, found {found.Count} among: {string.Join(", ", manifests.Select(m => $"{m.Kind()}/{m.Name()}"))}");
        return found[0];
    }

    /// <summary>The strings of a JSON array (empty when absent).</summary>
    public static IReadOnlyList<string> Strings(this JsonNode? array) =>
        array is JsonArray items ? items.Select(i => (string)i!).ToList() : [];

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar when scalar.Style is YamlDotNet.Core.ScalarStyle.Plain => Plain(scalar.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static JsonValue? Plain(string value) => value switch
    {
        "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" => JsonValue.Create(true),
        "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" => JsonValue.Create(false),
        _ when value.Length > 1 && value[0] == '0' && value.All(c => c is >= '0' and <= '7') => Number(Convert.ToInt64(value, 8)),
        _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => Number(number),
        _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && value.Any(char.IsAsciiDigit) => Number(real),
        _ => JsonValue.Create(value),
    };

    /// <summary>A JSON number that converts to any numeric type that holds it (int, long, double).</summary>
    private static JsonValue Number(IFormattable number) =>
        JsonNode.Parse(number.ToString(null, CultureInfo.InvariantCulture))!.AsValue();
}
