using Shipshape.Deploy.Tests.Cluster;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>deploy/platform and the platform's test fixtures.</summary>
public static class PlatformFiles
{
    public static readonly string Directory = Repository.Path("deploy", "platform");

    public static string PathOf(params string[] parts) => Path.Combine([Directory, .. parts]);

    public static string Fixture(params string[] parts) => Path.Combine([Repository.Path("tests", "Deploy.Tests", "Platform", "Fixtures"), .. parts]);

    public static IReadOnlyList<string> ReleaseFiles() =>
        [.. System.IO.Directory.GetFiles(PathOf("releases"), "*.yml").Order(StringComparer.Ordinal)];

    public static string GroupVar(string name) => YamlSettings.Scalar(YamlSettings.LoadFile(PathOf("group_vars", "all.yml")), name);

    public static IReadOnlyList<string> YamlFiles() =>
        [.. System.IO.Directory.EnumerateFiles(Directory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    /// <summary>Runs ansible/yamllint/… from the repository root (see <see cref="ClusterFiles.Run"/>).</summary>
    public static CommandResult RunOk(string tool, IReadOnlyList<string> arguments) => ClusterFiles.RunOk(tool, arguments);
}
