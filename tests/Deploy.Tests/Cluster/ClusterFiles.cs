using System.Globalization;
using Shipshape.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Cluster;

/// <summary>One node of deploy/cluster/settings.yaml.</summary>
public sealed record ClusterNode(string Name, string Role, string Ip, int Cpus, int MemoryMib, bool Ci);

/// <summary>deploy/cluster and the tools its checks run (Debian packages installed by scripts/install-deps.sh).</summary>
public static class ClusterFiles
{
    public static readonly string Directory = Repository.Path("deploy", "cluster");

    public static string PathOf(params string[] parts) => Path.Combine([Directory, .. parts]);

    public static string Fixture(string name) => Repository.Path("tests", "Deploy.Tests", "Cluster", "Fixtures", name);

    public static IReadOnlyList<ClusterNode> Nodes() =>
        [.. YamlSettings.Sequence(YamlSettings.LoadFile(PathOf("settings.yaml")), "nodes").Select(node => new ClusterNode(
            YamlSettings.Scalar(node, "name"),
            YamlSettings.Scalar(node, "role"),
            YamlSettings.Scalar(node, "ip"),
            int.Parse(YamlSettings.Scalar(node, "cpus"), CultureInfo.InvariantCulture),
            int.Parse(YamlSettings.Scalar(node, "memory_mib"), CultureInfo.InvariantCulture),
            YamlSettings.Find(node, "ci") is YamlScalarNode { Value: "true" }))];

    public static string Setting(string name) => YamlSettings.Scalar(YamlSettings.LoadFile(PathOf("settings.yaml")), name);

    public static string GroupVar(string name) => YamlSettings.Scalar(YamlSettings.LoadFile(PathOf("group_vars", "all.yml")), name);

    /// <summary>Runs a tool from the repository root without colours; a missing tool fails naming the package to install.</summary>
    public static CommandResult Run(
        string tool, IReadOnlyList<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null, IDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["NO_COLOR"] = "1",
            ["ANSIBLE_NOCOLOR"] = "1",
            ["ANSIBLE_FORCE_COLOR"] = "0",
            ["ANSIBLE_RETRY_FILES_ENABLED"] = "0",
            ["PY_COLORS"] = "0",
        };
        try
        {
            return Command.Run(tool, arguments, workingDirectory ?? Repository.Root, environment: variables, timeout: timeout ?? TimeSpan.FromMinutes(5));
        }
        catch (InvalidOperationException e) when (e.Message.Contains("Is it installed?", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{tool} is missing: run scripts/install-deps.sh (it installs ansible, ansible-lint, yamllint, shellcheck and ruby from apt)", e);
        }
    }

    /// <summary>Runs the tool and fails the test with everything it printed unless it exits 0.</summary>
    public static CommandResult RunOk(
        string tool, IReadOnlyList<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null, IDictionary<string, string>? environment = null)
    {
        var result = Run(tool, arguments, workingDirectory, timeout, environment);
        Assert.True(result.ExitCode == 0, result.Describe());
        return result;
    }

    /// <summary>Writes the Vagrant inventory with deploy/cluster/generate-inventory into a temporary file and returns its path.</summary>
    public static string GenerateInventory(string directory)
    {
        var path = Path.Combine(directory, "vagrant.ini");
        RunOk("ruby", [PathOf("generate-inventory"), path]);
        return path;
    }
}
