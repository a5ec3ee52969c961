using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
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
        // A small log buffer and a stdout nobody reads: requests stay in flight in Echo, waiting for room
        // for their log line (backpressure), while the SIGTERM arrives.
        await using var echo = await EchoProcess.StartAsync(
            EchoBuilds.Get(build), new Dictionary<string, string> { ["Echo__LogBufferBytes"] = "4096" });
        // One connection per request, never reused (a client may hold its answer while Echo still holds the
        // request): each is sent at once, so each is accepted before the listener closes.
        using var client = echo.CreateClient(maxConnections: InFlight);
        client.DefaultRequestHeaders.ConnectionClose = true;
        echo.PauseStdout();
        var padding = new string('p', 2000);
        var requests = Enumerable.Range(0, InFlight).Select(i => client.GetAsync($"/api?id=r{i}&pad={padding}")).ToArray();
        var inFlight = await WaitUntilAllAcceptedAsync(echo);

        echo.Signal(Signals.SigTerm);
        await Task.Delay(500);
        echo.ResumeStdout();
        var responses = await Task.WhenAll(requests);
        var exitCode = await echo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(inFlight > InFlight / 2, $"most requests should be held in flight by the blocked log, {inFlight} were");
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(0, exitCode);
        var logged = echo.AccessLines.Select(l => l.GetProperty("query").GetProperty("id")[0].GetString()).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, InFlight).Select(i => $"r{i}").Order(), logged);
    }

    /// <summary>
    /// Waits until Echo has taken in every request, finished or still in flight, by its own metrics;
    /// returns how many are in flight. (A client may already hold its answer while the request is still in flight.)
    /// </summary>
    private static async Task<int> WaitUntilAllAcceptedAsync(EchoProcess echo)
    {
        using var scraper = echo.CreateClient(maxConnections: 1);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var metrics = await scraper.GetStringAsync("/metrics");
            // The scrape itself is one active GET.
            var active = Sum(metrics, """^http_server_active_requests\{[^}]*http_request_method="GET"[^}]*\} (\d+)""") - 1;
            var finished = Sum(metrics, """^http_server_request_duration_seconds_count\{[^}]*http_route="/api"[^}]*\} (\d+)""");
            if (active + finished >= InFlight)
            {
                return active;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"not every one of {InFlight} requests reached Echo within 60 s");
    }

    private static int Sum(string metrics, string pattern) =>
        Regex.Matches(metrics, pattern, RegexOptions.Multiline).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
}
