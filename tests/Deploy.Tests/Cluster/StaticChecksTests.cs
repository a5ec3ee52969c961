namespace Shipshape.Deploy.Tests.Cluster;

/// <summary>The linters and syntax checks CI runs on deploy/cluster; each must pass without findings.</summary>
public sealed class StaticChecksTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("shipshape-cluster-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void SitePlaybookPassesAnsibleSyntaxCheckAgainstTheGeneratedInventory()
    {
        var inventory = ClusterFiles.GenerateInventory(_temp.FullName);

        var result = ClusterFiles.RunOk("ansible-playbook", ["--syntax-check", ClusterFiles.PathOf("site.yml"), "-i", inventory]);

        Assert.Contains("playbook: ", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AnsibleLintPassesWithTheProductionProfile()
    {
        var result = ClusterFiles.RunOk("ansible-lint", ["--profile", "production", "deploy/cluster"]);

        Assert.Contains("Passed", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(ClusterFiles.PathOf(".ansible-lint")), "no rule of ansible-lint is configured away (add one only with a reason)");
    }

    [Fact]
    public void EveryYamlFileUnderDeployClusterPassesYamllintStrictly()
    {
        var files = Directory.EnumerateFiles(ClusterFiles.Directory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .ToList();

        ClusterFiles.RunOk("yamllint", ["-s", "-c", ClusterFiles.PathOf(".yamllint"), .. files]);

        Assert.Contains(ClusterFiles.PathOf("site.yml"), files);
        Assert.Contains(ClusterFiles.PathOf("settings.yaml"), files);
    }

    [Theory]
    [InlineData("Vagrantfile")]
    [InlineData("generate-inventory")]
    [InlineData("lib/cluster_settings.rb")]
    public void RubyFilesParse(string file)
    {
        var result = ClusterFiles.RunOk("ruby", ["-c", ClusterFiles.PathOf(file)]);

        Assert.Contains("Syntax OK", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryShellScriptOfTheRepositoryPassesShellcheck()
    {
        var tracked = ClusterFiles.RunOk("git", ["ls-files"]).StdoutLines;
        var scripts = tracked.Where(f => f.EndsWith(".sh", StringComparison.Ordinal) || IsShellScript(Repository.Path(f))).ToList();

        ClusterFiles.RunOk("shellcheck", scripts);

        Assert.Contains("scripts/install-deps.sh", scripts);
        Assert.Contains("run.sh", scripts);
    }

    private static bool IsShellScript(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var reader = new StreamReader(path);
        var first = reader.ReadLine() ?? "";
        return first.StartsWith("#!", StringComparison.Ordinal) && (first.EndsWith("bash", StringComparison.Ordinal) || first.EndsWith("/sh", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryTaskUsesAFullyQualifiedModuleAndNoShell()
    {
        var tasks = Directory.EnumerateFiles(ClusterFiles.PathOf("roles"), "*.yml", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}tasks{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(tasks);
        Assert.All(tasks, file => Assert.DoesNotMatch(@"(?m)^\s*(-\s+)?(ansible\.builtin\.)?shell:", File.ReadAllText(file)));
    }
}
