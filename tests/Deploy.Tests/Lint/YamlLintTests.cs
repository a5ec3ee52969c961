using Shipshape.Deploy.Tests.Cluster;

namespace Shipshape.Deploy.Tests.Lint;

/// <summary>
/// Every tracked YAML file passes yamllint strictly: deploy/cluster and deploy/platform with the Ansible rules of
/// deploy/cluster/.yamllint (their own tests), everything else with the repository's .yamllint. Left out: Helm
/// templates (Go templates, not YAML) and test fixtures (some are broken on purpose).
/// </summary>
public sealed class YamlLintTests
{
    [Fact]
    public void EveryOtherTrackedYamlFilePassesYamllintStrictly()
    {
        var files = ClusterFiles.RunOk("git", ["ls-files", "*.yml", "*.yaml"]).StdoutLines
            .Where(f => !f.Contains("/templates/", StringComparison.Ordinal) && !f.StartsWith("tests/", StringComparison.Ordinal))
            .Where(f => !f.StartsWith("deploy/cluster/", StringComparison.Ordinal) && !f.StartsWith("deploy/platform/", StringComparison.Ordinal))
            .ToList();

        ClusterFiles.RunOk("yamllint", ["-s", "-c", Repository.Path(".yamllint"), .. files]);

        Assert.Contains("deploy/charts/echo/values.yaml", files);
        Assert.Contains("src/Policy/default-policies.yaml", files);
    }
}
