using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Shipshape.Image.Tests.Support;

/// <summary>
/// An image's command (Entrypoint + Cmd) run in a working container with `buildah run --isolation chroot`, which
/// shares the host's network and process ids: the service listens on 127.0.0.1 on a port the OS picks (the
/// caller's run options set ASPNETCORE_URLS to port 0) and is ready once /readyz answers 200. The process is killed,
/// the working container removed and <c>owned</c> disposed on dispose; a failed start leaves nothing behind.
/// </summary>
public sealed class RunningContainer : IAsyncDisposable
{
    private readonly BuildahRun _process;
    private readonly IDisposable? _owned;

    private RunningContainer(WorkingContainer container, BuildahRun process, SocketsHttpHandler handler, IDisposable? owned)
    {
        Container = container;
        _process = process;
        _owned = owned;
        Client = process.CreateClient(handler);
        Client.Timeout = TimeSpan.FromSeconds(10);
    }

    public WorkingContainer Container { get; }

    public HttpClient Client { get; }

    /// <summary>Everything the container wrote to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', _process.Lines) + "\n" + _process.Stderr;

    public string[] StdoutLines => _process.Lines;

    /// <summary>
    /// Starts <paramref name="image"/> with `buildah run` <paramref name="runOptions"/> (-e, -v, ...). On success the
    /// container owns <paramref name="owned"/>; on failure the caller still does.
    /// </summary>
    public static async Task<RunningContainer> StartAsync(
        Buildah buildah, string image, IReadOnlyList<string> runOptions, SocketsHttpHandler? handler = null, IDisposable? owned = null)
    {
        var command = await buildah.CommandAsync(image);
        var container = await buildah.FromAsync(image);
        BuildahRun? process = null;
        try
        {
            process = new BuildahRun(ServiceProcess.StartInfo(["buildah", .. buildah.RunArguments(container, runOptions, command)], null));
            await process.ListeningAsync();
            var running = new RunningContainer(container, process, handler ?? new SocketsHttpHandler(), owned);
            await running.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
            return running;
        }
        catch
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }

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
        await Command.RunCheckedAsync("kill", ["-s", "TERM", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        try
        {
            return await _process.WaitForExitAsync(timeout);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the container did not stop within {timeout} of SIGTERM. Output:\n{Output}");
        }
    }

    /// <summary>The process listening on the port: the entrypoint (chroot isolation shares the host's PIDs).</summary>
    public async Task<int> ListenerPidAsync()
    {
        var port = Client.BaseAddress!.Port;
        var ss = await Command.RunCheckedAsync("ss", ["-Hltnp", $"sport = :{port}"], TimeSpan.FromSeconds(10));
        var match = System.Text.RegularExpressions.Regex.Match(ss, @"pid=(\d+)");
        return match.Success
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"no process listens on 127.0.0.1:{port}: {ss}");
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
        await _process.DisposeAsync();
        await Container.DisposeAsync();
        _owned?.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the container exited before it was ready. Output:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException e)
            {
                last = e;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the container was not ready within {timeout} (last error: {last?.Message}). Output:\n{Output}");
    }

    /// <summary>`buildah run` as a <see cref="ServiceProcess"/>: its output read line by line, its listening URL found.</summary>
    private sealed class BuildahRun(ProcessStartInfo start) : ServiceProcess(start)
    {
        public Task ListeningAsync() => WaitUntilListeningAsync();
    }
}
