using System.Diagnostics;

namespace Shipshape.Testing;

/// <summary>What a command printed and how it ended.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Everything the command printed, for assertion messages.</summary>
    public string Describe() => $"`{Command}` exited {ExitCode}.\nstdout:\n{Tail(Stdout)}\nstderr:\n{Tail(Stderr)}";

    public override string ToString() => Describe();

    // A failed image build prints megabytes; its end says why.
    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
}

/// <summary>Runs a command to its end: input given, output captured, killed with its children if it outlives the timeout.</summary>
public static class Command
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    public static async Task<CommandResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string? workingDirectory = null, string? standardInput = null,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? display = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        display ??= string.Join(' ', [fileName, .. arguments]);
        var limit = timeout ?? DefaultTimeout;
        using var process = Start(start, display);
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
            var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
            await WriteInputAsync(process, standardInput).ConfigureAwait(false);
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
            return new CommandResult(display, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"{display} did not finish within {limit.TotalSeconds} s");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Runs it and returns its stdout; a non-zero exit throws with everything it printed.</summary>
    public static async Task<string> RunCheckedAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var result = await RunAsync(fileName, arguments, workingDirectory, timeout: timeout).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.Stdout : throw new InvalidOperationException(result.Describe());
    }

    /// <summary>The same, for callers that cannot await (e.g. inside a Lazy); safe because nothing awaits the caller's context.</summary>
    public static CommandResult Run(
        string fileName, IReadOnlyList<string> arguments, string? workingDirectory = null, string? standardInput = null,
        IDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? display = null) =>
        RunAsync(fileName, arguments, workingDirectory, standardInput, environment, timeout, display).GetAwaiter().GetResult();

    private static Process Start(ProcessStartInfo start, string display)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"could not start {display}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start `{display}`: {e.Message}. Is it installed?", e);
        }
    }

    private static async Task WriteInputAsync(Process process, string? input)
    {
        try
        {
            await process.StandardInput.WriteAsync(input ?? "").ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command ended without reading its input; its exit code and output tell what happened.
        }
    }
}
