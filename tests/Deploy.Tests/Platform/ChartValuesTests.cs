namespace Shipshape.Deploy.Tests.Platform;

/// <summary>
/// Every key our values files set exists in the pinned chart version's values.yaml (the public solution's values
/// sat under keys its charts never read). Free-form maps are accepted below the paths listed, each with its reason.
/// </summary>
[Collection(PlatformRenderingGroup.Name)]
public sealed class ChartValuesTests(PlatformRendering rendering)
{
    public static TheoryData<string> ChartSteps() => [.. PlatformFiles.ReleaseFiles().Select(f => Path.GetFileNameWithoutExtension(f))];

    [Theory]
    [MemberData(nameof(ChartSteps))]
    public void EveryKeyOfOurValuesExistsInThePinnedChart(string stepId)
    {
        var step = rendering.Steps.Single(s => s.Id == stepId);
        if (step.Chart is null || step.Values is null)
        {
            Assert.False(step.Chart is null && step.Values is not null, $"{stepId} has values but no chart");
            return;
        }

        var fixture = ChartKeyFixture.Load((string)step.Chart["name"]!, (string)step.Chart["version"]!);
        var ours = ValueKeyPaths.Of(step.ValuesYaml);

        var unknown = fixture.Unknown(ours);

        Assert.NotEmpty(ours);
        Assert.True(unknown.Count == 0,
            $"{stepId}: keys not in {fixture.Chart} {fixture.Version}'s values.yaml (a typo, a key of another version, or a free-form map to list in " +
            $"{Path.GetFileName(ChartKeyFixture.FreeFormPath(fixture.Chart))} with its reason):\n  {string.Join("\n  ", unknown)}");
    }

    [Theory]
    [MemberData(nameof(ChartSteps))]
    public void TheKeyFixtureIsOfThePinnedChartAndCommit(string stepId)
    {
        var step = rendering.Steps.Single(s => s.Id == stepId);
        if (step.Chart is null)
        {
            return;
        }

        var (name, version, source) = ((string)step.Chart["name"]!, (string)step.Chart["version"]!, (string)step.Chart["source"]!);
        Assert.True(File.Exists(ChartKeyFixture.KeysPath(name, version)), $"{stepId} pins {name} {version}: {ChartKeyFixture.KeysPath(name, version)} is missing");
        var fixture = ChartKeyFixture.Load(name, version);

        Assert.Equal($"# chart: {name} {version}", fixture.Header[0]);
        var commit = Assert.Single(System.Text.RegularExpressions.Regex.Matches(source, "[0-9a-f]{40}")).Value;
        Assert.Contains(fixture.Header, line => line.StartsWith("# source: ", StringComparison.Ordinal) && line.Contains(commit, StringComparison.Ordinal));
        Assert.True(fixture.Keys.Count > 0);
    }

    [Fact]
    public void EveryFreeFormPathIsAKeyOfTheChartOrNamesWhereTheChartReadsIt()
    {
        var fixtures = rendering.Steps.Where(s => s.Chart is not null)
            .Select(s => ChartKeyFixture.Load((string)s.Chart!["name"]!, (string)s.Chart!["version"]!));

        var unfounded = fixtures.SelectMany(f => f.FreeForm
            .Where(entry => !f.Keys.Contains(entry.Key) && !entry.Value.Contains("templates/", StringComparison.Ordinal))
            .Select(entry => $"{f.Chart}: {entry.Key}  # {entry.Value}")).ToList();

        Assert.True(unfounded.Count == 0, "free-form paths that are neither in values.yaml nor read by a named template:\n  " + string.Join("\n  ", unfounded));
    }

    [Fact]
    public void EveryFixtureBelongsToAPinnedChart()
    {
        var pinned = rendering.Steps.Where(s => s.Chart is not null)
            .Select(s => Path.GetFileName(ChartKeyFixture.KeysPath((string)s.Chart!["name"]!, (string)s.Chart!["version"]!))).ToHashSet();
        var charts = rendering.Steps.Where(s => s.Chart is not null).Select(s => $"{(string)s.Chart!["name"]!}.free-form").ToHashSet();

        var stale = Directory.GetFiles(PlatformFiles.Fixture("chart-keys")).Select(Path.GetFileName)
            .Where(f => !pinned.Contains(f!) && !charts.Contains(f!)).ToList();

        Assert.True(stale.Count == 0, "fixtures of no pinned chart (left from an older version?): " + string.Join(", ", stale));
    }
}
