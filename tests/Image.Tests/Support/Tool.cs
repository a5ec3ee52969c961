using System.Diagnostics;
using System.Text;

namespace Shipshape.Image.Tests.Support;

/// <summary>Runs a command to completion and captures its output; kills it on timeout.</summary>
public static class Tool
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Describe(string command) =>
            $"`{command}` exited with {ExitCode}\n--- stdout ---\n{Tail(Stdout)}\n--- stderr ---\n{Tail(Stderr)}";

        private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
    }

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start `{file}`: {e.Message}. Is it installed?", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"`{file} {string.Join(' ', start.ArgumentList)}` did not finish within {timeout}:\n{stderr}");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    public static async Task<string> RunCheckedAsync(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var list = args.ToList();
        var result = await RunAsync(file, list, timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe($"{file} {string.Join(' ', list)}"));
        }

        return result.Stdout;
    }
}
