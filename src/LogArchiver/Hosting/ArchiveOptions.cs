using Shipshape.LogArchiver.Archiving;
using System.IO.Compression;
using Shipshape.ServiceDefaults.Hosting;

namespace Shipshape.LogArchiver.Hosting;

/// <summary>How stored objects are checked before the local segment is deleted.</summary>
public enum VerifyMode
{
    /// <summary>Read the object back and compare its SHA-256 with what was sent.</summary>
    Download,

    /// <summary>Compare the stored size and SHA-256 metadata (HEAD); cheaper, trusts the store's Content-MD5 check on upload.</summary>
    Head,
}

/// <summary>What to archive and where, bound from the <c>Archive</c> configuration section.</summary>
public sealed class ArchiveOptions
{
    public const string Section = "Archive";

    /// <summary>Directory holding the closed segments (<c>*.log</c>); it is the queue. Required.</summary>
    public string? Directory { get; set; }

    /// <summary>Bucket the segments go to. Required.</summary>
    public string? Bucket { get; set; }

    /// <summary>First part of every key (the <c>{prefix}</c> token); may be empty.</summary>
    public string Prefix { get; set; } = "logs";

    /// <summary>
    /// The object key of a segment. Tokens: {prefix} {namespace} {pod} {yyyy} {MM} {dd} {HH} (the segment's start, UTC)
    /// and {segment} (its file name, required so that keys never collide and a re-upload lands on the same key).
    /// </summary>
    public string KeyTemplate { get; set; } = SegmentKeys.DefaultTemplate;

    /// <summary>The pod's namespace for {namespace}; empty: POD_NAMESPACE, else "default".</summary>
    public string? Namespace { get; set; }

    /// <summary>The pod's name for {pod}; empty: POD_NAME, else the host name.</summary>
    public string? Pod { get; set; }

    /// <summary>Where compressed copies are staged; empty: a hidden <c>.archiver</c> folder inside <see cref="Directory"/>.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>Segments archived at the same time.</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>Longest time between two scans of the directory (new segments also wake the archiver at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait before the first retry; each further failure doubles it (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    public VerifyMode Verify { get; set; } = VerifyMode.Download;

    public CompressionLevel CompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>On SIGTERM what is left is uploaded within <c>Shutdown:Timeout</c> (less a second for the log); the rest stays on disk.</summary>
    public ShutdownOptions Shutdown { get; set; } = new() { DrainDelay = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(20) };

    public string ResolvedNamespace => FirstSet(Namespace, Environment.GetEnvironmentVariable("POD_NAMESPACE")) ?? "default";

    public string ResolvedPod => FirstSet(Pod, Environment.GetEnvironmentVariable("POD_NAME")) ?? Environment.MachineName;

    public string ResolvedWorkDirectory => FirstSet(WorkDirectory) ?? Path.Combine(Directory!, ".archiver");

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}

/// <summary>The object store, bound from the <c>S3</c> section; credentials come from the AWS default chain.</summary>
public sealed class S3Options
{
    public const string Section = "S3";

    /// <summary>Endpoint of an S3-compatible store (MinIO, Ceph, …); empty: AWS S3 in the region.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Region; empty: AWS_REGION or AWS_DEFAULT_REGION. Required for AWS S3.</summary>
    public string? Region { get; set; }

    /// <summary>Path-style addressing (bucket in the path); default: on when <see cref="ServiceUrl"/> is set.</summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>Time limit of one request.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public string? ResolvedRegion =>
        new[] { Region, Environment.GetEnvironmentVariable("AWS_REGION"), Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") }
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
