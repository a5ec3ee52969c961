using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Platform.Jenkins;

/// <summary>The objects of a multi-document manifest file.</summary>
public static class Manifests
{
    public static IReadOnlyList<YamlMappingNode> Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }
}
