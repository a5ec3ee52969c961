using System.Text.Json;
using System.Text.RegularExpressions;
using Shipshape.Deploy.Tests.Support;
using Shipshape.Deploy.Tests.Support.Logstash;

namespace Shipshape.Deploy.Tests.Logging;

/// <summary>The pipeline's s3 input against the archiver's contract: where the objects are, how they are packed.</summary>
public sealed class LogstashArchiveInputTests
{
    private static readonly LogstashPlugin S3 = ArchivePipeline.Config.Plugin("input", "s3");

    [Fact]
    public void S3InputListsTheKeysUnderTheArchiversDefaultPrefix()
    {
        var archiver = ArchiverDefaults.Load();
        var prefix = EnvironmentReference.WithDefaults(S3.Text("prefix") ?? "");

        Assert.Equal(archiver.Prefix + "/", prefix);
        Assert.StartsWith(prefix, ArchivePipeline.SampleKey().Key, StringComparison.Ordinal);
    }

    [Fact]
    public void S3InputGunzipsTheObjectsTheArchiverUploads()
    {
        var archiver = ArchiverDefaults.Load();
        var (key, _) = ArchivePipeline.SampleKey();
        // The input matches gzip_pattern against the downloaded file, named after the key's last part.
        var pattern = S3.Text("gzip_pattern") ?? ArchivePipeline.DefaultGzipPattern;

        Assert.EndsWith(".gz", archiver.KeyTemplate, StringComparison.Ordinal);
        Assert.Matches(new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1)), key[(key.LastIndexOf('/') + 1)..]);
    }

    [Fact]
    public void S3InputDecodesEachLineAsOneJsonObjectAsEchoWritesThem()
    {
        // The input hands its codec one line at a time (newline already cut from gzipped ones): json, not json_lines.
        var codec = S3.Setting("codec") switch
        {
            LogstashString name => name.Text,
            LogstashPlugin plugin => plugin.Name,
            _ => null,
        };
        var line = EchoOutput.AccessLine("/echo", "?q=1&note=a%0Ab");
        using var decoded = JsonDocument.Parse(line);

        Assert.Equal("json", codec);
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line.TrimEnd('\n'));
        Assert.Equal(JsonValueKind.Object, decoded.RootElement.ValueKind);
    }

    [Fact]
    public void S3InputTakesTheBucketFromTheEnvironmentKeepsItsPlaceAndNeverDeletes()
    {
        var bucket = S3.Text("bucket") ?? "";
        var additional = Assert.IsType<LogstashHash>(S3.Setting("additional_settings"));

        Assert.True(EnvironmentReference.IsRequired(bucket), $"bucket is '{bucket}', not an environment variable");
        Assert.Equal(["ARCHIVE_BUCKET"], EnvironmentReference.Names(bucket));
        Assert.False(string.IsNullOrWhiteSpace(S3.Text("sincedb_path")), "sincedb_path must be set (and persistent)");
        Assert.Equal("false", S3.Text("delete"));
        Assert.Null(S3.Setting("backup_to_bucket"));
        Assert.Equal("false", EnvironmentReference.WithDefaults(Assert.IsType<LogstashString>(additional["force_path_style"]).Text));
    }
}
