using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Support;

/// <summary>
/// Settings of a Beats YAML file by dotted path. The Beats' config library reads <c>a.b: x</c> and
/// <c>a: {b: x}</c> alike, so a path is found however the file splits it between keys and nesting.
/// </summary>
public static class YamlSettings
{
    public static YamlMappingNode LoadFile(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw new InvalidOperationException($"{path} is not one YAML document holding a mapping");
    }

    public static YamlNode? Find(YamlNode node, string path)
    {
        if (path.Length == 0)
        {
            return node;
        }

        if (node is not YamlMappingNode mapping)
        {
            return null;
        }

        var parts = path.Split('.');
        for (var take = parts.Length; take >= 1; take--)
        {
            if (mapping.Children.TryGetValue(new YamlScalarNode(string.Join('.', parts[..take])), out var child)
                && Find(child, string.Join('.', parts[take..])) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The scalar at the path; fails naming the path when it is missing or not a scalar.</summary>
    public static string Scalar(YamlNode node, string path) =>
        Find(node, path) is YamlScalarNode { Value: { } value }
            ? value
            : throw new InvalidOperationException($"no scalar setting {path}");

    public static IReadOnlyList<YamlNode> Sequence(YamlNode node, string path) =>
        Find(node, path) is YamlSequenceNode sequence
            ? [.. sequence.Children]
            : throw new InvalidOperationException($"no list setting {path}");
}
