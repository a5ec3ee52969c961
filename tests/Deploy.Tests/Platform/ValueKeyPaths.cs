using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>
/// Key paths of a values tree, written as scripts/platform/chart-keys.mjs writes a chart's: <c>a.b</c>, a list as
/// <c>a[]</c> and its items' keys as <c>a[].key</c>, a key that is not a plain word as <c>a["x.y"]</c>.
/// </summary>
public static partial class ValueKeyPaths
{
    public static IReadOnlyList<string> Of(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var document in stream.Documents)
        {
            Walk(document.RootNode, "", paths);
        }

        return [.. paths];
    }

    private static void Walk(YamlNode node, string path, SortedSet<string> paths)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, child) in map.Children)
                {
                    var childPath = Join(path, ((YamlScalarNode)key).Value ?? "");
                    paths.Add(childPath);
                    Walk(child, childPath, paths);
                }

                break;
            case YamlSequenceNode list:
                var listPath = path + "[]";
                paths.Add(listPath);
                foreach (var item in list.Children)
                {
                    Walk(item, listPath, paths);
                }

                break;
        }
    }

    private static string Join(string path, string key)
    {
        var segment = PlainKey().IsMatch(key) ? key : $"[{JsonSerializer.Serialize(key)}]";
        return path.Length == 0 || segment.StartsWith('[') ? path + segment : $"{path}.{segment}";
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="prefix"/> or lies below it.</summary>
    public static bool IsAtOrBelow(string path, string prefix) =>
        path == prefix || path.StartsWith(prefix + ".", StringComparison.Ordinal) || path.StartsWith(prefix + "[", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex PlainKey();
}
