using Shipshape.Deploy.Tests.Cluster;

namespace Shipshape.Deploy.Tests.Platform.Monitoring;

/// <summary>The monitoring YAML files pass yamllint in strict mode (the Ansible rules of deploy/cluster/.yamllint).</summary>
public sealed class LintTests
{
    [Fact]
    public void YamllintFindsNothingInTheValuesAndTheReleaseFile() =>
        ClusterFiles.RunOk("yamllint", ["-s", "-c", ClusterFiles.PathOf(".yamllint"), MonitoringFiles.ValuesPath, MonitoringFiles.ReleasePath]);
}
