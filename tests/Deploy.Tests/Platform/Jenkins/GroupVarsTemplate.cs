using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Platform.Jenkins;

/// <summary>The platform's group variables for Jenkins' files (see <see cref="PlatformVars"/>).</summary>
public static class GroupVarsTemplate
{
    public static string Variable(string name) => PlatformVars.Get(name);

    public static string Render(string text) => PlatformVars.Render(text);

    public static YamlMappingNode RenderFile(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Render(File.ReadAllText(path))));
        return stream.Documents is [{ RootNode: YamlMappingNode root }]
            ? root
            : throw new InvalidOperationException($"{path} is not one YAML document holding a mapping");
    }
}
