using Shipshape.Deploy.Tests.Cluster;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>The test's key paths and the fixture script's are the same paths, and an unknown key is reported.</summary>
public sealed class ValueKeyPathsTests : IDisposable
{
    private const string Sample = """
        controller:
          replicaCount: 2
          "weird.key": {}
          env:
            - name: A
              valueFrom: {secretKeyRef: {name: s, key: k}}
            - name: B
        list: [1, 2]
        """;

    private readonly string _file = Path.GetTempFileName();

    public ValueKeyPathsTests() => File.WriteAllText(_file, Sample);

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void TheFixtureScriptAndTheTestWriteTheSamePaths()
    {
        var script = ClusterFiles.RunOk("node", [Repository.Path("scripts", "platform", "chart-keys.mjs"), _file]);

        Assert.Equal(script.StdoutLines, ValueKeyPaths.Of(Sample));
        Assert.Contains("controller[\"weird.key\"]", ValueKeyPaths.Of(Sample));
        Assert.Contains("controller.env[].valueFrom.secretKeyRef.key", ValueKeyPaths.Of(Sample));
    }

    [Fact]
    public void AKeyTheChartDoesNotHaveIsReportedAndAFreeFormMapIsNot()
    {
        var fixture = ChartKeyFixture.Load("cert-manager", "v1.21.1");

        var unknown = fixture.Unknown(["replicaCount", "replicas", "resources.requests.cpu", "webhook.replicas"]);

        Assert.Equal(["replicas", "webhook.replicas"], unknown);
    }
}
