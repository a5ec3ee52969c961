using System.Net;
using Shipshape.Echo.Tests.Support;

namespace Shipshape.Echo.Tests.BlackBox;

/// <summary>The published binary, run for real: stdout, signals, exit codes.</summary>
public sealed class ProcessLifecycleTests
{
    private const int InFlight = 200;

    [Theory]
    [MemberData(nameof(EchoBuilds.Names), MemberType = typeof(EchoBuilds))]
    public async Task ServesApiAndWritesOneJsonLinePerRequestToItsRealStdout(string build)
    {
        await using var echo = await EchoProcess.StartAsync(EchoBuilds.Get(build));
        using var client = echo.CreateClient();

        var body = await client.GetStringAsync("/api?id=one&tag=a&tag=b");
        echo.Signal(Signals.SigTerm);
        Assert.Equal(0, await echo.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("""{"query":{"id":["one"],"tag":["a","b"]}}""", body);
        var line = Assert.Single(echo.AccessLines);
        Assert.Equal("""{"id":["one"],"tag":["a","b"]}""", line.GetProperty("query").GetRawText());
    }

    [Theory]
    [MemberData(nameof(EchoBuilds.Names), MemberType = typeof(EchoBuilds))]
    public async Task SigtermTurnsReadinessFalseAtOnceKeepsServingThroughTheDrainThenExitsZero(string build)
    {
        await using var echo = await EchoProcess.StartAsync(
            EchoBuilds.Get(build), new Dictionary<string, string> { ["Echo__Shutdown__DrainDelay"] = "00:00:03" });
        using var client = echo.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        echo.Signal(Signals.SigTerm);
        await Task.Delay(300);
        var readyDuringDrain = await client.GetAsync("/readyz");
        var apiDuringDrain = await client.GetAsync("/api?during=drain");
        var liveDuringDrain = await client.GetAsync("/healthz");
        var exitCode = await echo.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyDuringDrain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, apiDuringDrain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, liveDuringDrain.StatusCode);
        Assert.Equal(0, exitCode);
        Assert.Contains(echo.AccessLines, l => l.GetProperty("query").TryGetProperty("during", out _));
        Assert.Contains("Stopped", echo.Lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EchoBuilds.Names), MemberType = typeof(EchoBuilds))]
    public async Task SigintStopsGracefullyLikeSigterm(string build)
    {
        await using var echo = await EchoProcess.StartAsync(EchoBuilds.Get(build));
        using var client = echo.CreateClient();
        await client.GetAsync("/api?before=sigint");

        echo.Signal(Signals.SigInt);

        Assert.Equal(0, await echo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(echo.AccessLines);
        Assert.Contains("Stopped", echo.Lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EchoBuilds.Names), MemberType = typeof(EchoBuilds))]
    public async Task SigtermWithRequestsInFlightCompletesEachAndLogsEach(string build)
    {
        // A small log buffer and a stdout nobody reads: requests block in flight on the log (backpressure).
        await using var echo = await EchoProcess.StartAsync(
            EchoBuilds.Get(build), new Dictionary<string, string> { ["Echo__LogBufferBytes"] = "4096" });
        // One connection per request: each is sent at once, so each is accepted before the listener closes.
        using var client = echo.CreateClient(maxConnections: InFlight);
        echo.PauseStdout();
        var padding = new string('p', 2000);
        var requests = Enumerable.Range(0, InFlight).Select(i => client.GetAsync($"/api?id=r{i}&pad={padding}")).ToArray();
        await WaitUntilStalledAsync(requests);
        var inFlight = requests.Count(r => !r.IsCompleted);

        echo.Signal(Signals.SigTerm);
        await Task.Delay(500);
        echo.ResumeStdout();
        var responses = await Task.WhenAll(requests);
        var exitCode = await echo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(inFlight > 0, "requests should be held in flight by the blocked log");
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(0, exitCode);
        var logged = echo.AccessLines.Select(l => l.GetProperty("query").GetProperty("id")[0].GetString()).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, InFlight).Select(i => $"r{i}").Order(), logged);
    }

    private static async Task WaitUntilStalledAsync(Task[] requests)
    {
        var completed = -1;
        for (var i = 0; i < 100 && requests.Count(r => r.IsCompleted) != completed; i++)
        {
            completed = requests.Count(r => r.IsCompleted);
            await Task.Delay(100);
        }
    }
}
