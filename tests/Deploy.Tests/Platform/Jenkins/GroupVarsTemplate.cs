using System.Text.RegularExpressions;
using Shipshape.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Platform.Jenkins;

/// <summary>
/// The Jinja that Ansible applies to the platform's values files, reduced to what they use: <c>{{ name }}</c> and
/// <c>{{ name | default('literal') }}</c>, from deploy/cluster/group_vars/all.yml and
/// deploy/platform/group_vars/all.yml. Any other expression fails, so nothing is silently left unrendered.
/// (The lead's generic test renders through the real playbook; this keeps Jenkins' checks independent of it.)
/// </summary>
public static partial class GroupVarsTemplate
{
    // The platform's documented defaults (common brief), where deploy/platform/group_vars/all.yml does not set them.
    private static readonly Dictionary<string, string> PlatformDefaults = new()
    {
        ["platform_domain"] = "shipshape.test",
        ["platform_ingress_class"] = "nginx",
        ["platform_cluster_issuer"] = "shipshape-ca",
        ["platform_storage_class"] = "openebs-hostpath",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Variables = new(Load);

    public static string Variable(string name) =>
        Variables.Value.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"no group variable {name}");

    public static string Render(string text)
    {
        var rendered = Expression().Replace(text, Substitute);
        var left = rendered.IndexOf("{{", StringComparison.Ordinal);
        return left < 0
            ? rendered
            : throw new InvalidOperationException($"unsupported Jinja left after rendering: {rendered[left..].Split('\n')[0]}");
    }

    public static YamlMappingNode RenderFile(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Render(File.ReadAllText(path))));
        return stream.Documents is [{ RootNode: YamlMappingNode root }]
            ? root
            : throw new InvalidOperationException($"{path} is not one YAML document holding a mapping");
    }

    private static string Substitute(Match match)
    {
        var name = match.Groups["name"].Value;
        if (Variables.Value.TryGetValue(name, out var value))
        {
            return value;
        }

        return match.Groups["default"].Success
            ? match.Groups["default"].Value
            : throw new InvalidOperationException($"{match.Value}: no group variable {name} and no default");
    }

    private static Dictionary<string, string> Load()
    {
        var variables = new Dictionary<string, string>(PlatformDefaults);
        foreach (var file in new[] { Repository.Path("deploy", "cluster", "group_vars", "all.yml"), Repository.Path("deploy", "platform", "group_vars", "all.yml") })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var (key, value) in YamlSettings.LoadFile(file).Children)
            {
                if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value: { } scalar })
                {
                    variables[name] = scalar;
                }
            }
        }

        return variables;
    }

    [GeneratedRegex(@"\{\{\s*(?<name>[a-z_][a-z0-9_]*)\s*(?:\|\s*default\('(?<default>[^']*)'\)\s*)?\}\}")]
    private static partial Regex Expression();
}
