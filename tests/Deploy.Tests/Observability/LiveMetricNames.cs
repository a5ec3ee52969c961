using System.Diagnostics;

namespace Shipshape.Deploy.Tests.Observability;

/// <summary>
/// The metric names Echo and the log archiver really expose, read from their live /metrics: Echo built from src/Echo,
/// with its file sink on and after a good and a bad request (histograms and error series exist only once used); the
/// archiver after one upload to the local S3 server and one failed attempt with the server stopped (its counters
/// appear at their first increment).
/// </summary>
public sealed class LiveMetricNames : IAsyncLifetime
{
    private static readonly string Configuration =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public IReadOnlySet<string> Echo { get; private set; } = new HashSet<string>();

    public IReadOnlySet<string> Archiver { get; private set; } = new HashSet<string>();

    public async Task InitializeAsync()
    {
        Echo = await ReadEchoAsync();
        Archiver = await ReadArchiverAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The names of the samples of a Prometheus text exposition.</summary>
    public static IReadOnlySet<string> Names(string exposition) =>
        exposition.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line[..line.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);

    private static string[] Dll(string project, string file)
    {
        var path = Repository.Path("src", project, "bin", Configuration, "net10.0", file);
        return File.Exists(path) ? ["dotnet", path] : throw new FileNotFoundException($"{path} is missing: build the solution first", path);
    }

    private static async Task<IReadOnlySet<string>> ReadEchoAsync()
    {
        var logs = Directory.CreateTempSubdirectory("echo-metrics-");
        try
        {
            await using var echo = await ServiceProcess.StartAsync([.. Dll("Echo", "Echo.dll"), "--urls", "http://127.0.0.1:0"],
                new Dictionary<string, string> { ["FileLog__Directory"] = logs.FullName });
            using var client = echo.CreateClient();
            (await client.GetAsync("/api?x=1")).EnsureSuccessStatusCode();
            Assert.StartsWith("HTTP/1.1 400", await SendRawAsync(echo.BaseAddress, "GET /api?%zz HTTP/1.1\r\nHost: echo\r\nConnection: close\r\n\r\n"), StringComparison.Ordinal);
            return Names(await client.GetStringAsync("/metrics"));
        }
        finally
        {
            logs.Delete(recursive: true);
        }
    }

    /// <summary>Sends a request as written (HttpClient would escape the malformed query) and returns the response.</summary>
    private static async Task<string> SendRawAsync(Uri server, string request)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private static async Task<IReadOnlySet<string>> ReadArchiverAsync()
    {
        var segments = Directory.CreateTempSubdirectory("archiver-metrics-");
        try
        {
            await using var s3 = await S3Server.StartAsync("logs");
            var environment = new Dictionary<string, string>(s3.ClientEnvironment)
            {
                ["Archive__Directory"] = segments.FullName,
                ["Archive__Bucket"] = "logs",
                ["Archive__PollInterval"] = "00:00:00.500",
                ["Archive__RetryBaseDelay"] = "00:00:00.200",
                ["Archive__RetryMaxDelay"] = "00:00:02",
                ["S3__Timeout"] = "00:00:05",
            };
            await using var archiver = await ServiceProcess.StartAsync([.. Dll("LogArchiver", "Shipshape.LogArchiver.dll"), "--urls", "http://127.0.0.1:0"], environment);
            using var client = archiver.CreateClient();

            WriteSegment(segments.FullName, "echo-20260101T000000000Z-1.log");
            var uploaded = await WaitForAsync(client, "archiver_uploads_total");
            await s3.StopAsync();
            WriteSegment(segments.FullName, "echo-20260101T000100000Z-2.log");
            var failed = await WaitForAsync(client, "archiver_upload_failures_total");
            return Names(uploaded).Union(Names(failed)).ToHashSet(StringComparer.Ordinal);
        }
        finally
        {
            segments.Delete(recursive: true);
        }
    }

    /// <summary>A closed segment as Echo leaves it: written under another name, then renamed to *.log.</summary>
    private static void WriteSegment(string directory, string name)
    {
        var active = Path.Combine(directory, name + ".active");
        File.WriteAllText(active, "{\"message\":\"metrics check\"}\n");
        File.Move(active, Path.Combine(directory, name));
    }

    private static async Task<string> WaitForAsync(HttpClient client, string metric)
    {
        var clock = Stopwatch.StartNew();
        var text = "";
        while (clock.Elapsed < Patience)
        {
            text = await client.GetStringAsync("/metrics");
            if (Names(text).Contains(metric))
            {
                return text;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the archiver's /metrics showed no {metric} within {Patience.TotalSeconds} s:\n{text}");
    }
}
