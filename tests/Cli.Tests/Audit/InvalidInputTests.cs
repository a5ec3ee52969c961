using Shipshape.Cli.Tests.Support;

namespace Shipshape.Cli.Tests.Audit;

public sealed class InvalidInputTests
{
    [Fact]
    public async Task BrokenYamlExitsTwoNamingTheFileDocumentAndLineAfterJudgingTheDocumentsBeforeIt()
    {
        var run = await ShipshapeProcess.RunAsync(["audit", "broken/broken.yaml"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        var error = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: broken/broken.yaml: document 2 (line 12): ", error, StringComparison.Ordinal);
        Assert.Equal("Summary: 0 objects judged, 1 not judged (no pods), 0 denied, 0 warnings, 1 invalid", run.StdoutLines[^1]);
    }

    [Fact]
    public async Task InvalidInputWinsOverADenialAndTheOtherFilesAreStillAudited()
    {
        var run = await ShipshapeProcess.RunAsync(["audit", "denied/init-container.yaml", "broken/broken.yaml", "good/deployment.yaml"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("denied/init-container.yaml: document 1 (line 1): Deployment shop/web: denied", run.StdoutLines);
        Assert.Contains("good/deployment.yaml: document 1 (line 2): Deployment shop/web: allowed", run.StdoutLines);
        Assert.Equal("Summary: 2 objects judged, 1 not judged (no pods), 1 denied, 1 warning, 1 invalid", run.StdoutLines[^1]);
    }

    [Fact]
    public async Task AnObjectThatDoesNotParseAsItsKindExitsTwoSayingWhere()
    {
        var run = await ShipshapeProcess.RunAsync(["audit", "invalid/containers-not-a-list.yaml"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith(
            "error: invalid/containers-not-a-list.yaml: document 1 (line 1): Pod default/odd: spec.containers must be a list, found a string",
            run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatDoesNotExistExitsTwoNamingIt()
    {
        var run = await ShipshapeProcess.RunAsync(["audit", "nowhere.yaml", "good/deployment.yaml"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("error: nowhere.yaml: no such file or directory", run.Stderr.Trim());
        Assert.Contains("good/deployment.yaml: document 1 (line 2): Deployment shop/web: allowed", run.StdoutLines);
    }

    [Fact]
    public async Task YamlBooleansWhereKubernetesWantsStringsAreInvalidAsTheyAreForKubectl()
    {
        const string manifest = """
            apiVersion: v1
            kind: Pod
            metadata: {name: flags}
            spec:
              containers:
                - name: app
                  image: app:1
                  env:
                    - name: FEATURE
                      value: on
            """;

        var run = await ShipshapeProcess.RunAsync(["audit", "-"], stdin: manifest);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: <stdin>: document 1 (line 1): Pod default/flags: spec.containers[0].env[0].value must be a string, found a boolean", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("audit")]
    [InlineData("audit good/deployment.yaml --output xml")]
    [InlineData("audit good/deployment.yaml --no-such-option")]
    [InlineData("inspect good/deployment.yaml")]
    public async Task BadArgumentsExitTwo(string arguments)
    {
        var run = await ShipshapeProcess.RunAsync(arguments.Split(' '));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.NotEqual("", run.Stderr);
    }
}
