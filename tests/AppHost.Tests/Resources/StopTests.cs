using System.Diagnostics;
using Shipshape.AppHost.Local;
using Shipshape.AppHost.Tests.Support;

namespace Shipshape.AppHost.Tests.Resources;

/// <summary>The AppHost as a user runs it (its own process, dashboard on): Ctrl-C stops every process it started.</summary>
public sealed class StopTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("shipshape-stop-").FullName;

    [Fact]
    public async Task CtrlCStopsEveryProcessAndLeavesNothingRunning()
    {
        using var appHost = Start();
        var up = new TaskCompletionSource();
        appHost.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Shipshape is up", StringComparison.Ordinal) == true)
            {
                up.TrySetResult();
            }
        };
        appHost.BeginOutputReadLine();
        appHost.BeginErrorReadLine();
        await up.Task.WaitAsync(LocalSystemFixture.StartTimeout);
        // The AppHost, nginx, Prometheus, Alertmanager, the exporter, the S3 server and the services (some behind dotnet run).
        Assert.True(ProcessesOfThisRun().Count >= 11, $"only {ProcessesOfThisRun().Count} processes of this run found");

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
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The dashboard and its endpoints on free ports, plain http on 127.0.0.1 as the launch profile sets them.
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LocalPorts.Free()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{LocalPorts.Free()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{LocalPorts.Free()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["ASPIRE_VERSION_CHECK_DISABLED"] = "true";
        return Process.Start(start)!;
    }

    private IReadOnlyList<int> ProcessesOfThisRun() => ServiceProcesses.OfRun(_state);
}
