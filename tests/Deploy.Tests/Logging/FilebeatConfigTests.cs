using System.Text;
using System.Text.Json;
using Shipshape.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Logging;

/// <summary>deploy/logging/filebeat/filebeat.yml against the segment files and lines Echo really writes.</summary>
public sealed class FilebeatConfigTests
{
    private static readonly string Directory = Repository.Path("deploy", "logging", "filebeat");
    private static readonly YamlMappingNode Config = YamlSettings.LoadFile(Path.Combine(Directory, "filebeat.yml"));
    private static readonly YamlNode Input = Assert.Single(
        YamlSettings.Sequence(Config, "filebeat.inputs"), input => YamlSettings.Scalar(input, "type") == "filestream");

    [Fact]
    public void EveryInputHasItsOwnId()
    {
        var ids = YamlSettings.Sequence(Config, "filebeat.inputs").Select(input => YamlSettings.Scalar(input, "id")).ToList();

        Assert.All(ids, id => Assert.False(string.IsNullOrWhiteSpace(id)));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void PathsMatchASegmentBothOpenAndClosedAndNothingElse()
    {
        var globs = YamlSettings.Sequence(Input, "paths").Select(p => ((YamlScalarNode)p).Value!).ToList();
        var (active, closed) = EchoOutput.SegmentNames();
        bool Read(string name) => globs.Any(glob => GoGlob.Matches(glob, glob[..(glob.LastIndexOf('/') + 1)] + name));

        Assert.True(Read(closed), $"no path matches the closed segment {closed}: {string.Join(", ", globs)}");
        Assert.True(Read(active), $"no path matches the open segment {active}, so the rename would look like a new file");
        Assert.False(Read(closed + ".gz"));
        Assert.False(Read("other-" + closed));
    }

    [Fact]
    public void NdjsonParserPutsEchosKeysAtTheRootAndFlagsBadLines()
    {
        var ndjson = Assert.Single(YamlSettings.Sequence(Input, "parsers"), p => YamlSettings.Find(p, "ndjson") is not null);

        Assert.Equal("", YamlSettings.Scalar(ndjson, "ndjson.target"));
        Assert.Equal("true", YamlSettings.Scalar(ndjson, "ndjson.overwrite_keys"));
        Assert.Equal("true", YamlSettings.Scalar(ndjson, "ndjson.add_error_key"));
    }

    [Fact]
    public void FingerprintIdentityCoversEveryEchoLineUpToItsTimestamp()
    {
        var offset = int.Parse(YamlSettings.Scalar(Input, "prospector.scanner.fingerprint.offset"), System.Globalization.CultureInfo.InvariantCulture);
        var length = int.Parse(YamlSettings.Scalar(Input, "prospector.scanner.fingerprint.length"), System.Globalization.CultureInfo.InvariantCulture);
        var line = EchoOutput.AccessLine();
        using var parsed = JsonDocument.Parse(line);
        var timestamp = JsonSerializer.Serialize(parsed.RootElement.GetProperty("timestamp").GetString());

        Assert.NotNull(YamlSettings.Find(Input, "file_identity.fingerprint"));
        Assert.NotEqual("false", YamlSettings.Scalar(Input, "prospector.scanner.fingerprint.enabled"));
        Assert.InRange(length, 64, Encoding.UTF8.GetByteCount(line) - offset);
        Assert.Contains(timestamp, line.Substring(offset, length), StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentsRenamedOrDeletedEarlyAreStillReadToTheEnd()
    {
        Assert.Equal("false", YamlSettings.Scalar(Input, "close.on_state_change.renamed"));
        Assert.Equal("false", YamlSettings.Scalar(Input, "close.on_state_change.removed"));
        // The filestream reference: clean_removed must be off when close.on_state_change.removed is.
        Assert.Equal("false", YamlSettings.Scalar(Input, "clean_removed"));
        Assert.Null(YamlSettings.Find(Input, "close.reader.on_eof"));
    }

    [Fact]
    public void RegistryCleanupAndBackoffKeepTheOrderFilebeatRequires()
    {
        TimeSpan Duration(string path) => GoDuration.Parse(YamlSettings.Scalar(Input, path));
        var check = Duration("prospector.scanner.check_interval");

        Assert.True(Duration("clean_inactive") > Duration("ignore_older") + check);
        Assert.True(Duration("ignore_older") > Duration("close.on_state_change.inactive"));
        Assert.True(Duration("backoff.init") <= Duration("backoff.max") && Duration("backoff.max") <= check);
    }

    [Fact]
    public void LiveDataStreamHasATemplateAndAnIlmPolicyThatDeletes()
    {
        var index = YamlSettings.Scalar(Config, "output.elasticsearch.index");
        var phases = IlmPolicy.Phases(Path.Combine(Directory, Path.GetFileName(YamlSettings.Scalar(Config, "setup.ilm.policy_file"))));

        Assert.Equal(index, YamlSettings.Scalar(Config, "setup.template.name"));
        Assert.Equal(index, YamlSettings.Scalar(Config, "setup.template.pattern"));
        Assert.Equal("true", YamlSettings.Scalar(Config, "setup.ilm.enabled"));
        Assert.True(IlmPolicy.Actions(phases, "hot")?.TryGetProperty("rollover", out _));
        Assert.True(IlmPolicy.Actions(phases, "delete")?.TryGetProperty("delete", out _));
    }

    [Fact]
    public void ElasticsearchCredentialsComeFromTheEnvironmentOverVerifiedTls()
    {
        var authorities = YamlSettings.Sequence(Config, "output.elasticsearch.ssl.certificate_authorities");

        Assert.True(EnvironmentReference.IsRequired(YamlSettings.Scalar(Config, "output.elasticsearch.hosts")));
        Assert.True(EnvironmentReference.IsRequired(YamlSettings.Scalar(Config, "output.elasticsearch.username")));
        Assert.True(EnvironmentReference.IsRequired(YamlSettings.Scalar(Config, "output.elasticsearch.password")));
        Assert.Equal("full", YamlSettings.Scalar(Config, "output.elasticsearch.ssl.verification_mode"));
        Assert.NotEmpty(authorities);
    }
}
