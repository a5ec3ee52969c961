using System.Text.RegularExpressions;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Logging;

/// <summary>The release files of steps 70–72: what they point at exists, and every values key is one the pinned chart has.</summary>
public sealed partial class ReleaseTests
{
    private static readonly string ChartKeys = Repository.Path("tests", "Deploy.Tests", "Platform", "Fixtures", "chart-keys");

    private static readonly string[] Namespaces = ["elastic-system", "logging"];

    public static TheoryData<string> Releases => [.. LoggingFiles.Releases];

    public static TheoryData<string> ChartReleases => ["70-eck-operator.yml", "72-fluent-bit.yml"];

    [Theory]
    [MemberData(nameof(Releases))]
    public void NamesFilesThatExistAndTheLoggingNamespaces(string release)
    {
        var file = LoggingFiles.Release(release);

        Assert.Equal(release[3..^4], (string)file["name"]!);
        Assert.Contains((string)file["namespace"]!, Namespaces);
        foreach (var path in LoggingFiles.Manifests().Append((string?)file["values"]).OfType<string>())
        {
            Assert.True(File.Exists(LoggingFiles.PathOf(path)), $"{release}: {path} is missing");
        }
    }

    [Theory]
    [MemberData(nameof(ChartReleases))]
    public void PinsAChartVersionWhoseKeyFixtureExistsAndSourceIsACommit(string release)
    {
        var chart = LoggingFiles.Release(release)["chart"]!;
        var fixture = Path.Combine(ChartKeys, $"{chart["name"]}-{chart["version"]}.keys");

        Assert.True(File.Exists(fixture), fixture);
        Assert.StartsWith($"# chart: {chart["name"]} {chart["version"]}\n", File.ReadAllText(fixture), StringComparison.Ordinal);
        Assert.Matches("^https://github.com/[^/]+/[^/]+/tree/[0-9a-f]{40}/", (string)chart["source"]!);
    }

    [Theory]
    [MemberData(nameof(ChartReleases))]
    public void EveryValuesKeyExistsInThePinnedChartOrIsFreeForm(string release)
    {
        var file = LoggingFiles.Release(release);
        var chart = file["chart"]!;
        var known = ReadPaths(Path.Combine(ChartKeys, $"{chart["name"]}-{chart["version"]}.keys"));
        var freeForm = ReadPaths(Path.Combine(ChartKeys, $"{chart["name"]}.free-form"));
        var ours = Tools.Run("node", [Repository.Path("scripts", "platform", "chart-keys.mjs"), LoggingFiles.PathOf((string)file["values"]!)]);
        Assert.True(ours.ExitCode == 0, ours.Describe());

        var unknown = ours.StdoutLines
            .Where(path => !known.Contains(path) && !freeForm.Any(f => path == f || path.StartsWith(f + ".", StringComparison.Ordinal) || path.StartsWith(f + "[", StringComparison.Ordinal)))
            .ToList();

        Assert.True(unknown.Count == 0, $"not keys of {chart["name"]} {chart["version"]}: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void NoPasswordOrKeyIsWrittenInAnyLoggingFile()
    {
        var files = Directory.EnumerateFiles(LoggingFiles.PathOf("logging"), "*", SearchOption.AllDirectories)
            .Concat(LoggingFiles.Releases.Select(r => LoggingFiles.PathOf(Path.Combine("releases", r))));

        Assert.All(files, file =>
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotMatch(SecretLiteral(), text);
            Assert.DoesNotContain("BEGIN", text, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("password: hunter2")]
    [InlineData("        HTTP_Passwd s3cret")]
    [InlineData("  - es_password=s3cret")]
    public void TheSecretCheckCatchesLiterals(string line) => Assert.Matches(SecretLiteral(), line);

    private static HashSet<string> ReadPaths(string file) =>
        [.. File.ReadLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split("  #")[0].Trim())];

    // A password-like key with a literal value: anything but an environment reference or a secret key name.
    [GeneratedRegex(@"(?im)^\s*(-\s*)?(\w*pass(word|wd)?\w*|token|api_?key)\s*[:= ]\s*(?!\$\{[A-Z_]+\}\s*$)(?!password\s*$)\S+")]
    private static partial Regex SecretLiteral();
}
