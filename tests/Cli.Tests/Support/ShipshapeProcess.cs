using System.Diagnostics;

namespace Shipshape.Cli.Tests.Support;

/// <summary>What a run of the real <c>shipshape</c> process did.</summary>
public sealed record ShipshapeRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the shipshape.dll built next to the tests under the dotnet host, as a pipeline would run the tool, so exit
/// codes, stdout and stderr are the real ones. Each run is killed if it outlives its timeout.
/// </summary>
public static class ShipshapeProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The folder of the test fixtures, the working directory of every run, so sources read as relative paths.</summary>
    public static string Fixtures { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static async Task<ShipshapeRun> RunAsync(string[] arguments, string? stdin = null)
    {
        var start = new ProcessStartInfo(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "shipshape.dll"), .. arguments])
        {
            WorkingDirectory = Fixtures,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start shipshape");
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await WriteStdinAsync(process, stdin);
            await process.WaitForExitAsync(timeout.Token);
            return new ShipshapeRun(process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"shipshape {string.Join(' ', arguments)} did not exit within {Timeout.TotalSeconds} s");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task WriteStdinAsync(Process process, string? stdin)
    {
        try
        {
            await process.StandardInput.WriteAsync(stdin ?? "");
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The run ended without reading its input; its exit code and output tell what happened.
        }
    }

    // The SDK tells the tests which host runs them; a plain "dotnet" from PATH otherwise.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
