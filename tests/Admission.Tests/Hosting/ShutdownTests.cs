using Shipshape.Admission.Tests.Support;

namespace Shipshape.Admission.Tests.Hosting;

/// <summary>SIGTERM as the kubelet sends it: not ready at once, still judging through the drain, then exit 0.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task SigtermTurnsReadinessOffKeepsJudgingThroughTheDrainThenExitsZero()
    {
        await using var server = await AdmissionServer.StartAsync(new Dictionary<string, string> { ["Admission__Shutdown__DrainDelay"] = "00:00:03" });
        using (var ready = await server.Client.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(200, (int)ready.StatusCode);
        }

        server.Process.Signal("TERM");

        await WaitUntilNotReadyAsync(server);
        var during = await server.ReviewAsync(Support.Reviews.Json(Workloads.Deployment(Workloads.Container(memory: null))));
        Assert.False(during.GetProperty("allowed").GetBoolean());
        Assert.Equal(0, await server.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(server.Process.Lines, line => line.Contains("Stopped: listener closed", StringComparison.Ordinal));
    }

    private static async Task WaitUntilNotReadyAsync(AdmissionServer server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            using var ready = await server.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
            if ((int)ready.StatusCode == 503)
            {
                return;
            }
            await Task.Delay(20);
        }
        Assert.Fail("/readyz never answered 503 after SIGTERM");
    }
}
