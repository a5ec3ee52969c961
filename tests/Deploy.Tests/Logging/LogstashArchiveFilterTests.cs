using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shipshape.Deploy.Tests.Support.Logstash;

namespace Shipshape.Deploy.Tests.Logging;

/// <summary>The pipeline's filters against what the archiver and Echo really produce.</summary>
public sealed partial class LogstashArchiveFilterTests
{
    [Fact]
    public void KeyPatternFindsNamespacePodAndSegmentInTheArchiversKeys()
    {
        var grok = ArchivePipeline.Config.Plugin("filter", "grok");
        var match = Assert.IsType<LogstashHash>(grok.Setting("match"));
        var pattern = Assert.IsType<LogstashString>(match["[@metadata][s3][key]"]).Text;
        var (key, segment) = ArchivePipeline.SampleKey();

        var found = Regex.Match(key, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));

        Assert.True(found.Success, $"'{pattern}' does not match the archiver's key {key}");
        Assert.Equal("shop", found.Groups["namespace"].Value);
        Assert.Equal("echo-7d9f-abc12", found.Groups["pod"].Value);
        Assert.Equal(segment, found.Groups["segment"].Value);
    }

    [Fact]
    public void FieldsCopiedFromTheKeyAreCapturesOfTheKeyPattern()
    {
        var grok = ArchivePipeline.Config.Plugin("filter", "grok");
        var target = grok.Text("target") ?? "";
        var pattern = Assert.IsType<LogstashString>(Assert.IsType<LogstashHash>(grok.Setting("match"))["[@metadata][s3][key]"]).Text;
        var captures = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1)).GetGroupNames();
        var copied = ArchivePipeline.Config.Plugins("filter")
            .Where(p => p.Name == "mutate")
            .Select(p => p.Setting("add_field")).OfType<LogstashHash>()
            .SelectMany(h => h.Entries)
            .ToDictionary(e => e.Name, e => Assert.IsType<LogstashString>(e.Value).Text);

        Assert.Equal("[@metadata][archive]", target);
        foreach (var field in new[] { "[kubernetes][namespace]", "[kubernetes][pod][name]" })
        {
            var reference = Assert.Contains(field, (IDictionary<string, string>)copied);
            var capture = Reference().Match(reference);
            Assert.True(capture.Success && capture.Groups["target"].Value == target, $"{field} => {reference} does not read the grok target {target}");
            Assert.Contains(capture.Groups["capture"].Value, captures);
        }
    }

    [Fact]
    public void DateFilterReadsTheTimestampEchoWritesAsIso8601()
    {
        var date = ArchivePipeline.Config.Plugin("filter", "date");
        var match = Assert.IsType<LogstashArray>(date.Setting("match")).Items.Cast<LogstashString>().Select(s => s.Text).ToList();
        using var line = JsonDocument.Parse(EchoOutput.AccessLine());

        Assert.Equal("@timestamp", date.Text("target") ?? "@timestamp");
        Assert.Equal("ISO8601", Assert.Single(match.Skip(1)));
        Assert.True(line.RootElement.TryGetProperty(match[0], out var written), $"Echo's lines have no '{match[0]}' field: {line.RootElement}");
        Assert.True(
            DateTimeOffset.TryParseExact(written.GetString(), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                && time.Offset == TimeSpan.Zero,
            $"'{written}' is not an ISO 8601 UTC time");
    }

    [GeneratedRegex(@"^%\{(?<target>\[.+\])\[(?<capture>[A-Za-z_]+)\]\}$")]
    private static partial Regex Reference();
}
