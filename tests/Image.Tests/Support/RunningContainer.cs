using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Shipshape.Echo.Image.Tests.Support;

/// <summary>
/// The image's entrypoint run in a working container with `buildah run --isolation chroot` (which
/// shares the host network): it listens on 127.0.0.1 on a free port. Killed and removed on dispose.
/// </summary>
public sealed class RunningEcho : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningEcho(WorkingContainer container, Process process, int port)
    {
        Container = container;
        _process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public WorkingContainer Container { get; }

    public int Port { get; }

    public HttpClient Client { get; }

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public static async Task<RunningEcho> StartAsync(Buildah buildah, string image, IReadOnlyList<string> command)
    {
        var container = await buildah.FromAsync(image);
        try
        {
            var port = FreePort();
            var start = new ProcessStartInfo("buildah")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in buildah.GlobalArgs.Concat(
                [
                    "run", "--isolation", "chroot",
                    "-e", $"ASPNETCORE_URLS=http://127.0.0.1:{port}",
                    "-e", "Echo__Shutdown__DrainDelay=00:00:00",
                    container.Name, "--", .. command,
                ]))
            {
                start.ArgumentList.Add(arg);
            }

            var process = new Process { StartInfo = start };
            var echo = new RunningEcho(container, process, port);
            process.OutputDataReceived += (_, e) => echo.Append(e.Data);
            process.ErrorDataReceived += (_, e) => echo.Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await echo.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
            return echo;
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// SIGTERM to the entrypoint's process, as a container runtime sends it to PID 1; returns the exit
    /// code `buildah run` passes on. (SIGTERM to `buildah run` itself would not do: it SIGKILLs its child.)
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        var pid = await ListenerPidAsync();
        using (var kill = Process.Start("kill", ["-s", "TERM", pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            if (kill.ExitCode != 0)
            {
                throw new InvalidOperationException($"kill -s TERM {pid} failed with {kill.ExitCode}");
            }
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the container did not stop within {timeout} of SIGTERM. Output:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>The process listening on the port: the entrypoint (chroot isolation shares the host's PIDs).</summary>
    public async Task<int> ListenerPidAsync()
    {
        var ss = await Tool.RunCheckedAsync("ss", ["-Hltnp", $"sport = :{Port}"], TimeSpan.FromSeconds(10));
        var match = System.Text.RegularExpressions.Regex.Match(ss, @"pid=(\d+)");
        return match.Success
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"no process listens on 127.0.0.1:{Port}: {ss}");
    }

    /// <summary>The real user id of a process, from /proc.</summary>
    public static int UidOf(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await Container.DisposeAsync();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the container exited with {_process.ExitCode} before it was ready. Output:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the container was not ready within {timeout}. Output:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
