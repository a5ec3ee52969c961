using System.Text.RegularExpressions;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>deploy/platform/README.md's table of steps is the steps as the playbook runs them.</summary>
[Collection(PlatformRenderingGroup.Name)]
public sealed partial class PlatformReadmeTests(PlatformRendering rendering)
{
    [Fact]
    public void TheStepTableListsEveryStepWithItsReleaseNamespaceChartAndVersion()
    {
        var rows = StepRow().Matches(File.ReadAllText(PlatformFiles.PathOf("README.md")))
            .Select(m => string.Join(" ", m.Groups["id"].Value, m.Groups["release"].Value, m.Groups["namespace"].Value, m.Groups["chart"].Value, m.Groups["version"].Value))
            .ToList();

        var steps = rendering.Steps.Select(s => string.Join(" ", s.Id, s.Name, s.Namespace,
            (string?)s.Chart?["name"] ?? "—", (string?)s.Chart?["version"] ?? "—")).ToList();

        Assert.Equal(steps, rows);
    }

    [GeneratedRegex(@"^\| `(?<id>[0-9]{2}-[a-z0-9-]+)` \| (?<release>[^|\s]+) \| (?<namespace>[^|\s]+) \| (?<chart>[^|\s]+) \| (?<version>[^|\s]+) \|", RegexOptions.Multiline)]
    private static partial Regex StepRow();
}
