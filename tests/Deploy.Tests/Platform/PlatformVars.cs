using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>
/// The group variables a platform file may reference, substituted for <c>{{ name }}</c> as Ansible's template rendering
/// does for a plain variable: deploy/cluster/group_vars/all.yml, then deploy/platform/group_vars/all.yml. For tests of
/// one file; the playbook's own dry run (<see cref="PlatformRendering"/>) renders every step for real.
/// </summary>
public static partial class PlatformVars
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> All = new(Load);

    public static IReadOnlyDictionary<string, string> Variables => All.Value;

    public static string Get(string name) =>
        Variables.TryGetValue(name, out var value) ? Render(value) : throw new InvalidOperationException($"no group variable {name}");

    /// <summary>The text with every <c>{{ name }}</c> replaced; anything else in braces fails (it would need real Jinja).</summary>
    public static string Render(string text)
    {
        var rendered = Reference().Replace(text, m => Get(m.Groups[1].Value));
        Assert.False(rendered.Contains("{{", StringComparison.Ordinal), $"an expression other than a plain variable is left: {rendered}");
        return rendered;
    }

    /// <summary>A platform file (path relative to deploy/platform) with its variables substituted.</summary>
    public static string RenderFile(string relativeToPlatform) => Render(File.ReadAllText(PlatformFiles.PathOf(relativeToPlatform)));

    private static Dictionary<string, string> Load()
    {
        var variables = new Dictionary<string, string>();
        foreach (var file in new[] { Repository.Path("deploy", "cluster", "group_vars", "all.yml"), Repository.Path("deploy", "platform", "group_vars", "all.yml") })
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }

            foreach (var (key, value) in ((YamlMappingNode)stream.Documents[0].RootNode).Children)
            {
                if (value is YamlScalarNode { Value: { } scalar })
                {
                    variables[((YamlScalarNode)key).Value!] = scalar;
                }
            }
        }

        return variables;
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Reference();
}

