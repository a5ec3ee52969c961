namespace Shipshape.Cli.Tests.Support;

/// <summary>
/// Runs the shipshape.dll built next to the tests under the dotnet host, as a pipeline would run the tool, so exit
/// codes, stdout and stderr are the real ones. Each run is killed if it outlives its timeout.
/// </summary>
public static class ShipshapeProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The folder of the test fixtures, the working directory of every run, so sources read as relative paths.</summary>
    public static string Fixtures { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static Task<CommandResult> RunAsync(string[] arguments, string? stdin = null) =>
        Command.RunAsync(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "shipshape.dll"), .. arguments], Fixtures, stdin,
            timeout: Timeout, display: $"shipshape {string.Join(' ', arguments)}");

    // The SDK tells the tests which host runs them; a plain "dotnet" from PATH otherwise.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
