using Shipshape.Deploy.Tests.Cluster;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>The linters and syntax checks CI runs on deploy/platform; each must pass without findings.</summary>
public sealed class StaticChecksTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("shipshape-platform-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void SitePlaybookPassesAnsibleSyntaxCheckAgainstTheClusterInventory()
    {
        var inventory = ClusterFiles.GenerateInventory(_temp.FullName);

        var result = PlatformFiles.RunOk("ansible-playbook", ["--syntax-check", PlatformFiles.PathOf("site.yml"), "-i", inventory]);

        Assert.Contains("playbook: ", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheInstallTargetsTheFirstControlPlaneNodeOfTheClusterInventory()
    {
        var inventory = ClusterFiles.GenerateInventory(_temp.FullName);

        var result = PlatformFiles.RunOk("ansible-playbook", ["--list-hosts", PlatformFiles.PathOf("site.yml"), "-i", inventory]);

        var controlPlane = ClusterFiles.Nodes().First(n => n.Role == "control_plane").Name;
        Assert.Matches($@"hosts \(1\):\s+{controlPlane}\s", result.Stdout);
    }

    [Fact]
    public void AnsibleLintPassesWithTheProductionProfile()
    {
        var result = PlatformFiles.RunOk("ansible-lint", ["--profile", "production", "deploy/platform"]);

        Assert.Contains("Passed", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(PlatformFiles.PathOf(".ansible-lint")), "no rule of ansible-lint is configured away");
    }

    [Fact]
    public void EveryYamlFileUnderDeployPlatformPassesYamllintStrictly()
    {
        var files = PlatformFiles.YamlFiles();

        PlatformFiles.RunOk("yamllint", ["-s", "-c", ClusterFiles.PathOf(".yamllint"), .. files]);

        Assert.Contains(PlatformFiles.PathOf("site.yml"), files);
    }

    [Fact]
    public void NoTaskRunsAShell()
    {
        var tasks = Directory.GetFiles(PlatformFiles.PathOf("tasks"), "*.yml");

        Assert.NotEmpty(tasks);
        Assert.All(tasks, file => Assert.DoesNotMatch(@"(?m)^\s*(-\s+)?(ansible\.builtin\.)?shell:", File.ReadAllText(file)));
    }
}
