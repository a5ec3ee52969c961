using Shipshape.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Platform.Jenkins;

/// <summary>deploy/platform/jenkins, its release file, its key fixtures and the pipelines under ci/, as the tests read them.</summary>
public static class JenkinsFiles
{
    public static readonly string Directory = Repository.Path("deploy", "platform", "jenkins");

    public static readonly string ValuesPath = Path.Combine(Directory, "values.yaml");

    public static readonly string DeployerPath = Path.Combine(Directory, "deployer.yaml");

    public static readonly string ReleasePath = Repository.Path("deploy", "platform", "releases", "80-jenkins.yml");


    /// <summary>values.yaml as Ansible renders it with the group variables.</summary>
    public static YamlMappingNode Values() => GroupVarsTemplate.RenderFile(ValuesPath);

    public static YamlMappingNode Release() => YamlSettings.LoadFile(ReleasePath);

    public static string ChartVersion => Text(Release(), "chart", "version");


    /// <summary>The node under the exact keys (keys may contain dots, as label names do); fails naming the path.</summary>
    public static YamlNode At(YamlNode node, params string[] keys)
    {
        foreach (var key in keys)
        {
            node = node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child)
                ? child
                : throw new InvalidOperationException($"no setting {string.Join('.', keys)}");
        }

        return node;
    }

    public static YamlNode? Find(YamlNode node, params string[] keys)
    {
        try
        {
            return At(node, keys);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static string Text(YamlNode node, params string[] keys) =>
        At(node, keys) is YamlScalarNode { Value: { } value } ? value : throw new InvalidOperationException($"{string.Join('.', keys)} is not a scalar");

    public static IReadOnlyList<YamlNode> Items(YamlNode node, params string[] keys) =>
        At(node, keys) is YamlSequenceNode sequence ? [.. sequence.Children] : throw new InvalidOperationException($"{string.Join('.', keys)} is not a list");

    public static Dictionary<string, string> StringMap(YamlNode node) =>
        ((YamlMappingNode)node).Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!);

    /// <summary>The pod templates the chart makes (additionalAgents, each merged over agent.*), by name.</summary>
    public static IReadOnlyDictionary<string, YamlMappingNode> AdditionalAgents(YamlNode values) =>
        ((YamlMappingNode)At(values, "additionalAgents")).Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => (YamlMappingNode)pair.Value);

    /// <summary>One YAML document from text (a JCasC script, a pod yaml).</summary>
    public static YamlMappingNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents is [{ RootNode: YamlMappingNode root }] ? root : throw new InvalidOperationException("not one YAML mapping:\n" + text);
    }
}
