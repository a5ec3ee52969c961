using System.Diagnostics;
using Shipshape.Testing;

namespace Shipshape.LogArchiver.Tests.Support;

/// <summary>The log archiver running as a real process on 127.0.0.1 with a port the OS picks.</summary>
public sealed class ArchiverProcess : ServiceProcess
{
    private readonly HttpClient _client;

    private ArchiverProcess(ProcessStartInfo start) : base(start) => _client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Starts the archiver on <paramref name="directory"/> against <paramref name="s3"/> (its endpoint and credentials),
    /// with quick retries for tests; <paramref name="settings"/> override or add (a null value removes a setting).
    /// </summary>
    public static async Task<ArchiverProcess> StartAsync(
        string directory, S3Server? s3, IDictionary<string, string?>? settings = null, bool waitUntilListening = true)
    {
        var environment = new Dictionary<string, string?>(s3?.ClientEnvironment.ToDictionary(e => e.Key, e => (string?)e.Value) ?? [])
        {
            ["Archive__Directory"] = directory,
            ["Archive__Bucket"] = "logs",
            ["Archive__Namespace"] = "shop",
            ["Archive__Pod"] = "echo-0",
            ["Archive__PollInterval"] = "00:00:00.500",
            ["Archive__RetryBaseDelay"] = "00:00:00.200",
            ["Archive__RetryMaxDelay"] = "00:00:02",
            ["S3__Timeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var start = StartInfo([.. Builds.Archiver, "--urls", "http://127.0.0.1:0"],
            environment.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!));
        foreach (var removed in environment.Where(e => e.Value is null))
        {
            start.Environment.Remove(removed.Key);
        }

        var archiver = new ArchiverProcess(start);
        if (waitUntilListening)
        {
            await archiver.WaitUntilListeningAsync();
        }

        return archiver;
    }

    public Task<string> MetricsAsync() => _client.GetStringAsync(new Uri(BaseAddress, "/metrics"));

    public async Task<double> MetricAsync(string metric, params string[] labels) => PrometheusText.Sum(await MetricsAsync(), metric, labels);

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(new Uri(BaseAddress, path));

    /// <summary>Waits until <paramref name="condition"/> holds on a scrape of /metrics; fails with the last scrape after the timeout.</summary>
    public async Task<string> WaitForMetricsAsync(Func<string, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        var text = "";
        while (deadline.Elapsed < timeout)
        {
            text = await MetricsAsync();
            if (condition(text))
            {
                return text;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"waited {timeout.TotalSeconds} s for {what}.\nmetrics:\n{string.Join('\n', text.Split('\n').Where(l => l.StartsWith("archiver_", StringComparison.Ordinal)))}\nlog:\n{string.Join('\n', Lines.TakeLast(30))}");
    }

    public new async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await base.DisposeAsync();
    }
}
