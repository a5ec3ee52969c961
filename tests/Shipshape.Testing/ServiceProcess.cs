using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Shipshape.Testing;

/// <summary>
/// A service running as a real process, found listening by Kestrel's "Now listening on:" line (so a port of 0 lets the OS
/// pick one). Its stdout is read line by line, and reading can be paused to play a stdout that nobody drains.
/// Killed with its children on dispose if still running.
/// </summary>
public class ServiceProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "Now listening on: ";

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _linesLock = new();
    private readonly StringBuilder _stderr = new();
    private readonly ManualResetEventSlim _reading = new(true);
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _reader;

    protected ServiceProcess(ProcessStartInfo start)
    {
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
        _reader = new Thread(ReadStdout) { IsBackground = true, Name = "service-stdout" };
        _reader.Start();
    }

    public Uri BaseAddress => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : throw new InvalidOperationException("not listening");

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public string[] Lines
    {
        get
        {
            lock (_linesLock)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Starts <paramref name="command"/> (program and arguments); waits until it listens unless told not to.</summary>
    public static async Task<ServiceProcess> StartAsync(
        string[] command, IDictionary<string, string>? environment = null, bool waitUntilListening = true)
    {
        var process = new ServiceProcess(StartInfo(command, environment));
        if (waitUntilListening)
        {
            await process.WaitUntilListeningAsync();
        }

        return process;
    }

    /// <summary>How to start <paramref name="command"/>: output redirected, in the temp folder, without .NET's first-run noise.</summary>
    public static ProcessStartInfo StartInfo(string[] command, IDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    public HttpClient CreateClient(int maxConnections = 64) => CreateClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections });

    public HttpClient CreateClient(SocketsHttpHandler handler)
    {
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
        return new HttpClient(handler)
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>Stops draining stdout: the pipe fills and the service's writes block, as with a stuck log collector.</summary>
    public void PauseStdout() => _reading.Reset();

    public void ResumeStdout() => _reading.Set();

    /// <summary>Sends a signal by name ("TERM", "INT") with the system's kill command.</summary>
    public void Signal(string signal) => Signals.Send(_process.Id, signal);

    /// <summary>Waits for exit and for stdout to be read to its end; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        ResumeStdout();
        _reader.Join(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        ResumeStdout();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _reader.Join(TimeSpan.FromSeconds(5));
        _process.Dispose();
        _reading.Dispose();
    }

    protected async Task WaitUntilListeningAsync()
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != _listening.Task)
        {
            throw new InvalidOperationException($"{_process.StartInfo.FileName} did not start listening (exited: {_process.HasExited}).\nstderr: {Stderr}\nstdout: {string.Join('\n', Lines)}");
        }
    }

    private void ReadStdout()
    {
        var stream = _process.StandardOutput.BaseStream;
        var pending = new List<byte>();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            _reading.Wait();
            var read = stream.Read(buffer, 0, buffer.Length);
            if (read == 0)
            {
                break;
            }

            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b != (byte)'\n')
                {
                    pending.Add(b);
                    continue;
                }

                AddLine(Encoding.UTF8.GetString([.. pending]));
                pending.Clear();
            }
        }

        if (pending.Count > 0)
        {
            AddLine(Encoding.UTF8.GetString([.. pending]));
        }
    }

    private void AddLine(string line)
    {
        lock (_linesLock)
        {
            _lines.Add(line);
        }

        var at = line.IndexOf(ListeningPrefix, StringComparison.Ordinal);
        if (at >= 0 && !_listening.Task.IsCompleted)
        {
            var url = line[(at + ListeningPrefix.Length)..];
            _listening.TrySetResult(new Uri(url[..url.IndexOf('"', StringComparison.Ordinal)]));
        }
    }
}

public static class Signals
{
    public const string SigInt = "INT";
    public const string SigTerm = "TERM";
    public const string SigKill = "KILL";

    /// <summary>Sends <paramref name="signal"/> by name to process <paramref name="processId"/> with the system's kill command.</summary>
    public static void Send(int processId, string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, processId.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s {signal} {processId} failed with {kill.ExitCode}");
        }
    }
}
