using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shipshape.AppHost.Local;
using Shipshape.AppHost.Tests.Support;

namespace Shipshape.AppHost.Tests.Resources;

/// <summary>
/// The AppHost as a user runs it: its own process, the Aspire dashboard on. The banner names the entry point, the
/// services' telemetry reaches the dashboard, and Ctrl-C stops every process it started.
/// </summary>
public sealed partial class UserRunTests : IDisposable
{
    private static readonly string[] Services = ["echo-1", "echo-2", "echo-3", "echo-4", "admission", "log-archiver"];

    private readonly string _state = Directory.CreateTempSubdirectory("shipshape-run-").FullName;
    private readonly string _dashboardApiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private readonly string _dashboardUrl = $"http://127.0.0.1:{LocalPorts.Free()}";

    [Fact]
    public async Task TelemetryReachesTheDashboardAndCtrlCStopsEveryProcess()
    {
        using var appHost = Start();
        var entry = new TaskCompletionSource<Uri>();
        appHost.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && EntryPointLine().Match(text) is { Success: true } match)
            {
                entry.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        appHost.BeginOutputReadLine();
        appHost.BeginErrorReadLine();
        var entryUrl = await entry.Task.WaitAsync(LocalSystemFixture.StartTimeout);
        // The AppHost, nginx, Prometheus, Alertmanager, the exporter, the S3 server and the services (some behind dotnet run).
        Assert.True(ProcessesOfThisRun().Count >= 11, $"only {ProcessesOfThisRun().Count} processes of this run found");

        // Requests through nginx show up in the dashboard as traces of the Echo replicas; every service sends its logs.
        using var client = new HttpClient { BaseAddress = entryUrl };
        using var dashboard = new HttpClient { BaseAddress = new Uri(_dashboardUrl) };
        dashboard.DefaultRequestHeaders.Add("x-api-key", _dashboardApiKey);
        var seen = await Eventually.HoldsAsync(async () =>
        {
            Assert.Empty(await Burst.SendAsync(client, 20, concurrency: 4));
            var resources = await dashboard.GetFromJsonAsync<JsonElement>("/api/telemetry/resources");
            var withTraces = resources.EnumerateArray().Where(r => r.GetProperty("hasTraces").GetBoolean()).Select(r => r.GetProperty("name").GetString()).ToList();
            var withLogs = resources.EnumerateArray().Where(r => r.GetProperty("hasLogs").GetBoolean()).Select(r => r.GetProperty("name").GetString()).ToList();
            return withTraces.Count(name => name!.StartsWith("echo-", StringComparison.Ordinal)) == 4
                && Services.All(withLogs.Contains);
        }, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));
        Assert.True(seen, "the dashboard did not get traces of all 4 replicas and logs of every service: " +
            await dashboard.GetStringAsync(new Uri("/api/telemetry/resources", UriKind.Relative)));
        Assert.Contains("\"GET /api\"", await dashboard.GetStringAsync(new Uri("/api/telemetry/traces", UriKind.Relative)), StringComparison.Ordinal);

        Signals.Send(appHost.Id, Signals.SigInt);

        using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await appHost.WaitForExitAsync(exit.Token);
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(ProcessesOfThisRun().Count == 0), TimeSpan.FromSeconds(30)),
            "still running: " + string.Join(", ", ProcessesOfThisRun()));
    }

    public void Dispose()
    {
        foreach (var pid in ProcessesOfThisRun())
        {
            try
            {
                Process.GetProcessById(pid).Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
        Directory.Delete(_state, recursive: true);
    }

    private Process Start()
    {
        var start = new ProcessStartInfo("dotnet",
        [
            Path.Combine(AppContext.BaseDirectory, "AppHost.dll"),
            $"--Local:StateDirectory={_state}", "--Local:EntryPort=0", "--Local:PrometheusPort=0", "--Local:AlertmanagerPort=0",
            // The dashboard's telemetry API, with a key of this test's own.
            $"--AppHost:DashboardApiKey={_dashboardApiKey}",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The dashboard and its endpoints on free ports, plain http on 127.0.0.1 as the launch profile sets them.
        start.Environment["ASPNETCORE_URLS"] = _dashboardUrl;
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{LocalPorts.Free()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{LocalPorts.Free()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["ASPIRE_VERSION_CHECK_DISABLED"] = "true";
        return Process.Start(start)!;
    }

    private IReadOnlyList<int> ProcessesOfThisRun() => ServiceProcesses.OfRun(_state);

    [GeneratedRegex(@"Entry point \(nginx -> \d+ Echo replicas\): (http://127\.0\.0\.1:\d+)/")]
    private static partial Regex EntryPointLine();
}
