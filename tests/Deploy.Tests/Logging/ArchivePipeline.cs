using Shipshape.Deploy.Tests.Support.Logstash;

namespace Shipshape.Deploy.Tests.Logging;

/// <summary>deploy/logging/logstash: the pipeline that replays the S3 archive, parsed once.</summary>
internal static class ArchivePipeline
{
    /// <summary>The s3 input's gzip_pattern when none is set (logstash-input-s3 docs and source; logstash-integration-aws).</summary>
    public const string DefaultGzipPattern = @"\.gz(ip)?$";

    public static string Directory { get; } = Repository.Path("deploy", "logging", "logstash");

    public static LogstashConfig Config { get; } =
        LogstashConfigParser.ParseFile(Path.Combine(Directory, "pipeline", "echo-archive.conf"));

    /// <summary>The key the archiver would give one of Echo's real segments, from the archiver's own template.</summary>
    public static (string Key, string Segment) SampleKey()
    {
        var segment = EchoOutput.SegmentNames().Closed;
        return (ArchiverDefaults.Load().Key("shop", "echo-7d9f-abc12", new DateOnly(2026, 11, 25), segment), segment);
    }
}
