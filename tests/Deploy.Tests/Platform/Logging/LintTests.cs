using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Logging;

/// <summary>yamllint -s (with the repository's rules of deploy/cluster) over every YAML file of the logging steps.</summary>
public sealed class LintTests
{
    [Fact]
    public void EveryYamlFilePassesYamllintStrictly()
    {
        var files = Directory.EnumerateFiles(LoggingFiles.PathOf("logging"), "*.yaml", SearchOption.AllDirectories)
            .Concat(LoggingFiles.Releases.Select(r => LoggingFiles.PathOf(Path.Combine("releases", r))))
            .ToList();

        var result = Tools.Run("yamllint", ["-s", "-c", Repository.Path("deploy", "cluster", ".yamllint"), .. files]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal(11, files.Count);
    }
}
