using Shipshape.Cli.Tests.Support;

namespace Shipshape.Cli.Tests.Audit;

public sealed class PoliciesOptionTests
{
    [Fact]
    public async Task APoliciesFileThatRequiresAGpuDeniesWhatTheDefaultsAllow()
    {
        var run = await ShipshapeProcess.RunAsync(["audit", "good/deployment.yaml", "--policies", "policies/require-gpu.yaml"]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("Policies: policies/require-gpu.yaml", run.StdoutLines[0]);
        Assert.Contains("deny gpu-requests (high): Deployment shop/web: container \"web\" has no nvidia.com/gpu request", run.StdoutLines);
    }

    [Fact]
    public async Task APoliciesFileThatMakesTheMemoryLimitADenialTurnsTheWarningIntoADenial()
    {
        const string manifest = """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: report, namespace: jobs}
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: report
                      image: report:2.0
                      resources:
                        requests: {cpu: 100m, memory: 64Mi}
            """;

        var byDefault = await ShipshapeProcess.RunAsync(["audit", "-"], stdin: manifest);
        var stricter = await ShipshapeProcess.RunAsync(["audit", "-", "--policies", "policies/memory-limit-deny.yaml"], stdin: manifest);

        Assert.True(byDefault.ExitCode == 0, byDefault.ToString());
        Assert.True(stricter.ExitCode == 1, stricter.ToString());
        Assert.Contains("deny memory-limit (medium): Job jobs/report: container \"report\" has no memory limit", stricter.StdoutLines);
    }

    [Fact]
    public async Task AnInvalidPoliciesFileExitsTwoWithTheEnginesExplanation()
    {
        var run = await ShipshapeProcess.RunAsync(["audit", "good/deployment.yaml", "--policies", "policies/unknown-check.yaml"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("error: policies/unknown-check.yaml: policies[0] (\"gpu\"): unknown check \"gpuRequests\"", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingPoliciesFileExitsTwoNamingIt()
    {
        var run = await ShipshapeProcess.RunAsync(["audit", "good/deployment.yaml", "--policies", "policies/missing.yaml"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: policies/missing.yaml: cannot read the policies file", run.Stderr, StringComparison.Ordinal);
    }
}
