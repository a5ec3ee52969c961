using Shipshape.Cli.Tests.Support;

namespace Shipshape.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task VersionPrintsTheVersion()
    {
        var run = await ShipshapeProcess.RunAsync(["--version"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Stdout);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("audit --help")]
    public async Task HelpDescribesEveryOptionAndListsTheExitCodes(string arguments)
    {
        var run = await ShipshapeProcess.RunAsync(arguments.Split(' '));

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdoutLines;
        var exitCodes = Array.IndexOf(lines, "Exit codes:");
        Assert.True(exitCodes > 0, run.Stdout);
        Assert.StartsWith("0  nothing was denied", lines[exitCodes + 1], StringComparison.Ordinal);
        Assert.StartsWith("1  a deny policy was violated", lines[exitCodes + 2], StringComparison.Ordinal);
        Assert.StartsWith("2  invalid input", lines[exitCodes + 3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditHelpDescribesThePathsAndEveryOption()
    {
        var run = await ShipshapeProcess.RunAsync(["audit", "--help"]);

        Assert.Contains(run.StdoutLines, l => l.StartsWith("<PATH>", StringComparison.Ordinal) && l.Contains("- for standard input", StringComparison.Ordinal));
        Assert.Contains(run.StdoutLines, l => l.StartsWith("--policies <FILE>", StringComparison.Ordinal) && l.Contains("built-in", StringComparison.Ordinal));
        Assert.Contains(run.StdoutLines, l => l.StartsWith("-o, --output <json|text>", StringComparison.Ordinal) && l.Contains("[default: text]", StringComparison.Ordinal));
    }
}
