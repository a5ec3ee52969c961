using Shipshape.Cli.Tests.Support;

namespace Shipshape.Cli.Tests.Audit;

public sealed class VerdictTests
{
    [Fact]
    public async Task AManifestThatMeetsEveryPolicyExitsZero()
    {
        var run = await ShipshapeProcess.RunAsync(["audit", "good/deployment.yaml"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("good/deployment.yaml: document 1 (line 2): Deployment shop/web: allowed", run.StdoutLines);
        Assert.Equal("Summary: 1 object judged, 0 not judged (no pods), 0 denied, 0 warnings, 0 invalid", run.StdoutLines[^1]);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task AnInitContainerWithoutAMemoryRequestIsDeniedWithTheEnginesMessage()
    {
        var run = await ShipshapeProcess.RunAsync(["audit", "denied/init-container.yaml"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(
            [
                "Policies: built-in default policies",
                "denied/init-container.yaml: document 1 (line 1): Deployment shop/web: denied",
                "deny resource-requests (high): Deployment shop/web: init container \"migrate\" has no memory request",
                "warn memory-limit (medium): Deployment shop/web: init container \"migrate\" has no memory limit",
                "Summary: 1 object judged, 0 not judged (no pods), 1 denied, 1 warning, 0 invalid",
            ],
            run.StdoutLines);
    }

    [Fact]
    public async Task ADirectoryIsReadRecursivelyInPathOrderSkippingHiddenAndNonManifestFiles()
    {
        var run = await ShipshapeProcess.RunAsync(["audit", "mixed"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(
            [
                "mixed/apps/web/deployment.yaml: document 1 (line 2): Deployment shop/web: allowed",
                "mixed/platform/pods.json: document 1, items[1] (line 1): Pod platform/debug: denied",
            ],
            run.StdoutLines.Where(l => l.StartsWith("mixed/", StringComparison.Ordinal)));
        Assert.Contains("deny resource-requests (high): Pod platform/debug: container \"shell\" has no memory request", run.StdoutLines);
        Assert.Equal("Summary: 2 objects judged, 2 not judged (no pods), 1 denied, 0 warnings, 0 invalid", run.StdoutLines[^1]);
    }

    [Fact]
    public async Task DashReadsTheManifestsFromStandardInput()
    {
        var manifest = await File.ReadAllTextAsync(Path.Combine(ShipshapeProcess.Fixtures, "denied/init-container.yaml"));

        var run = await ShipshapeProcess.RunAsync(["audit", "-"], stdin: manifest);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("<stdin>: document 1 (line 1): Deployment shop/web: denied", run.StdoutLines);
    }

    [Fact]
    public async Task HelmTemplateOutputJudgesTheDeploymentAndCountsTheRestAsNotJudged()
    {
        var run = await ShipshapeProcess.RunAsync(["audit", "helm/web.yaml"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "Policies: built-in default policies",
                "helm/web.yaml: document 5 (line 54): Deployment default/web-shop: allowed",
                "Summary: 1 object judged, 4 not judged (no pods), 0 denied, 0 warnings, 0 invalid",
            ],
            run.StdoutLines);
    }

    [Fact]
    public async Task EveryPathIsAuditedAndTheDenialOfOneFailsTheRun()
    {
        var run = await ShipshapeProcess.RunAsync(["audit", "good/deployment.yaml", "helm/web.yaml", "denied/init-container.yaml"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("Summary: 3 objects judged, 4 not judged (no pods), 1 denied, 1 warning, 0 invalid", run.StdoutLines[^1]);
    }
}
