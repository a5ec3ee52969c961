using System.Text.Json;
using System.Text.RegularExpressions;

namespace Shipshape.Policy.Workloads;

/// <summary>
/// Turns System.Text.Json's "could not be converted to System.Collections.Generic.IList`1[k8s.Models.V1Container]"
/// into what a manifest author understands: "must be a list, found a string".
/// </summary>
internal static partial class JsonTypeProblem
{
    public static string? Describe(JsonException error, JsonElement root)
    {
        var match = TargetType().Match(error.Message);
        if (!match.Success || error.Path is null || Find(root, error.Path) is not { } found)
        {
            return null;
        }
        return $"must be {Expected(match.Groups[1].Value)}, found {ObjectIdentity.Describe(found.ValueKind)}";
    }

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("IList", StringComparison.Ordinal) => "a list",
        _ when type.Contains("IDictionary", StringComparison.Ordinal) => "a map",
        _ when type.Contains("IntOrString", StringComparison.Ordinal) => "a number or a string",
        _ when type.Contains("ResourceQuantity", StringComparison.Ordinal) => "a quantity",
        _ when type.StartsWith("k8s.Models.", StringComparison.Ordinal) => "an object",
        _ when type.Contains("String", StringComparison.Ordinal) => "a string",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "a boolean",
        _ when type.Contains("Int", StringComparison.Ordinal) || type.Contains("Double", StringComparison.Ordinal) => "a number",
        _ => "another type",
    };

    // Follows a path such as $.containers[0].resources to the element the error is about.
    private static JsonElement? Find(JsonElement root, string path)
    {
        var current = root;
        foreach (Match step in PathStep().Matches(path))
        {
            if (step.Groups["index"].Success)
            {
                var index = int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                {
                    return null;
                }
                current = current[index];
            }
            else if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step.Groups["name"].Value, out current))
            {
                return null;
            }
        }
        return current;
    }

    [GeneratedRegex(@"could not be converted to ([^ ]+?)\. Path")]
    private static partial Regex TargetType();

    [GeneratedRegex(@"\.(?<name>[A-Za-z0-9_$-]+)|\[(?<index>\d+)\]|\['(?<name>[^']+)'\]")]
    private static partial Regex PathStep();
}
