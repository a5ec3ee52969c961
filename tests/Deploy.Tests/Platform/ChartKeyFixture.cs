using System.Text.RegularExpressions;

namespace Shipshape.Deploy.Tests.Platform;

/// <summary>
/// The key paths of one pinned chart's values.yaml (Fixtures/chart-keys/&lt;chart&gt;-&lt;version&gt;.keys, made by
/// scripts/platform/chart-keys.mjs) and the free-form paths we may set below (&lt;chart&gt;.free-form, each with its reason).
/// </summary>
public sealed partial class ChartKeyFixture
{
    private ChartKeyFixture(string chart, string version, IReadOnlyList<string> header, IReadOnlySet<string> keys, IReadOnlyDictionary<string, string> freeForm)
    {
        Chart = chart;
        Version = version;
        Header = header;
        Keys = keys;
        FreeForm = freeForm;
    }

    public string Chart { get; }

    public string Version { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlySet<string> Keys { get; }

    /// <summary>Free-form path → why anything below it is accepted.</summary>
    public IReadOnlyDictionary<string, string> FreeForm { get; }

    public static string KeysPath(string chart, string version) => PlatformFiles.Fixture("chart-keys", $"{chart}-{version}.keys");

    public static string FreeFormPath(string chart) => PlatformFiles.Fixture("chart-keys", $"{chart}.free-form");

    public static ChartKeyFixture Load(string chart, string version)
    {
        var lines = File.ReadAllLines(KeysPath(chart, version));
        var freeForm = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(FreeFormPath(chart)))
        {
            foreach (var line in File.ReadAllLines(FreeFormPath(chart)).Where(l => l.Trim().Length > 0))
            {
                var match = FreeFormLine().Match(line);
                if (!match.Success)
                {
                    throw new InvalidDataException($"{FreeFormPath(chart)}: \"{line}\" is not \"path  # why\"");
                }

                freeForm[match.Groups["path"].Value] = match.Groups["why"].Value.Trim();
            }
        }

        return new ChartKeyFixture(
            chart,
            version,
            [.. lines.Where(l => l.StartsWith('#'))],
            lines.Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal),
            freeForm);
    }

    /// <summary>Our key paths that the chart does not have and no free-form path covers.</summary>
    public IReadOnlyList<string> Unknown(IEnumerable<string> paths) =>
        [.. paths.Where(p => !Keys.Contains(p) && !FreeForm.Keys.Any(f => ValueKeyPaths.IsAtOrBelow(p, f)))];

    [GeneratedRegex(@"^(?<path>\S+)\s+#(?<why>.*\S.*)$")]
    private static partial Regex FreeFormLine();
}
