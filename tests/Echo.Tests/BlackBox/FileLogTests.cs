using System.Net;
using Shipshape.Echo.Tests.Support;
using Shipshape.ServiceDefaults.Logging;

namespace Shipshape.Echo.Tests.BlackBox;

/// <summary>The published binary with the optional file log on: segments, rotation, SIGTERM and kill -9.</summary>
public sealed class FileLogTests : IDisposable
{
    private const int Requests = 200;

    private readonly string _directory = Directory.CreateTempSubdirectory("echo-filelog-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(EchoBuilds.Names), MemberType = typeof(EchoBuilds))]
    public async Task OnSigtermEveryLineIsInExactlyOneClosedSegmentAndNoneIsLeftActive(string build)
    {
        await using var echo = await EchoProcess.StartAsync(EchoBuilds.Get(build), Settings(flushInterval: "00:00:00"));
        await SendAsync(echo, "t");
        using (var scraper = echo.CreateClient())
        {
            // Lines reach the file on the log thread, after the answers: the count may lag the last response a little.
            var closed = new System.Text.RegularExpressions.Regex("""echo_log_segments_closed_total\{[^}]*\} [1-9]""");
            var metrics = await scraper.GetStringAsync("/metrics");
            for (var i = 0; i < 100 && !closed.IsMatch(metrics); i++)
            {
                await Task.Delay(100);
                metrics = await scraper.GetStringAsync("/metrics");
            }

            Assert.Matches(closed, metrics);
        }

        echo.Signal(Signals.SigTerm);
        Assert.Equal(0, await echo.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        Assert.Empty(Directory.GetFiles(_directory, "*.active"));
        var segments = Directory.GetFiles(_directory, "echo-*.log").Order(StringComparer.Ordinal).ToArray();
        Assert.True(segments.Length > 10, $"a small segment size should rotate often, {segments.Length} segments");
        var fileLines = segments.SelectMany(File.ReadAllLines).ToArray();
        Assert.All(segments, s => Assert.EndsWith("\n", File.ReadAllText(s), StringComparison.Ordinal));
        // The file holds exactly what stdout got, in the same order.
        Assert.Equal(echo.Lines, fileLines);
        var expected = Enumerable.Range(0, Requests).Select(i => $"t{i}").Order().ToArray();
        Assert.Equal(expected, Ids(AccessLog.Lines(fileLines)));
        Assert.Equal(expected, Ids(echo.AccessLines));
        foreach (var id in expected)
        {
            Assert.Single(segments, s => File.ReadAllText(s).Contains($"\"id\":[\"{id}\"]", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(EchoBuilds.Names), MemberType = typeof(EchoBuilds))]
    public async Task AKill9LosesNoLineOfRequestsAnsweredMoreThanAFlushIntervalBefore(string build)
    {
        await using var echo = await EchoProcess.StartAsync(EchoBuilds.Get(build), Settings(flushInterval: "00:00:00.200"));
        await SendAsync(echo, "k");
        await Task.Delay(TimeSpan.FromSeconds(1)); // more than the flush interval

        echo.Signal("KILL");
        await echo.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // The open segment stays .active (the next start closes it); every line is in one of the files.
        var files = Directory.GetFiles(_directory, "echo-*").Order(StringComparer.Ordinal).ToArray();
        Assert.Contains(files, f => f.EndsWith(".log.active", StringComparison.Ordinal));
        var fileLines = files.SelectMany(File.ReadAllLines).ToArray();
        Assert.Equal(Enumerable.Range(0, Requests).Select(i => $"k{i}").Order(), Ids(AccessLog.Lines(fileLines)));

        // A restart closes the crashed run's segment as it is (once it is older than a segment being born can be).
        foreach (var active in Directory.GetFiles(_directory, "*.active"))
        {
            File.SetLastWriteTimeUtc(active, DateTime.UtcNow - OrphanedSegments.MinIdle - TimeSpan.FromSeconds(1));
        }

        await using var again = await EchoProcess.StartAsync(EchoBuilds.Get(build), Settings(flushInterval: "00:00:00"));
        again.Signal(Signals.SigTerm);
        Assert.Equal(0, await again.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(Directory.GetFiles(_directory, "*.active"));
        Assert.Equal(fileLines, Directory.GetFiles(_directory, "echo-*.log").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines).Take(fileLines.Length));
    }

    [Theory]
    [MemberData(nameof(EchoBuilds.Names), MemberType = typeof(EchoBuilds))]
    public async Task AnUnusableDirectoryStopsTheStartWithExitCode2NamingTheKey(string build)
    {
        await using var echo = await EchoProcess.StartAsync(
            EchoBuilds.Get(build), new Dictionary<string, string> { ["FileLog__Directory"] = Path.Combine(_directory, "missing") },
            waitUntilListening: false);

        Assert.Equal(2, await echo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("FileLog:Directory", echo.Stderr, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Settings(string flushInterval) => new()
    {
        ["FileLog__Directory"] = _directory,
        ["FileLog__MaxSegmentBytes"] = "2048",
        ["FileLog__FlushInterval"] = flushInterval,
    };

    private static async Task SendAsync(EchoProcess echo, string prefix)
    {
        using var client = echo.CreateClient(maxConnections: 16);
        var responses = await Task.WhenAll(Enumerable.Range(0, Requests).Select(i => client.GetAsync($"/api?id={prefix}{i}&tag=x")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    private static string[] Ids(IEnumerable<System.Text.Json.JsonElement> accessLines) =>
        [.. accessLines.Select(l => l.GetProperty("query").GetProperty("id")[0].GetString()!).Order()];
}
