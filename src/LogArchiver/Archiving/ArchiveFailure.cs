using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace Shipshape.LogArchiver.Archiving;

/// <summary>
/// Why archiving a segment failed, as a metric label and a sentence. A store failure (unreachable, throttled,
/// credentials, missing bucket) pauses all uploads for the backoff; a failure of one segment only delays that segment.
/// </summary>
public sealed record ArchiveFailure(string Reason, string Message, bool StoreWide)
{
    /// <summary>Every reason <see cref="From"/> gives; the failure counter starts at 0 for each, so dashboards show 0, not "no data".</summary>
    public static readonly string[] Reasons =
    [
        "credentials", "access_denied", "no_bucket", "throttled", "server_error", "rejected", "verify_mismatch",
        "segment_gone", "local_io", "unreachable", "timeout", "client_error", "unexpected",
    ];

    public static ArchiveFailure From(Exception e) => e switch
    {
        AmazonS3Exception s3 => FromS3(s3),
        AmazonServiceException service => new("server_error", $"{service.StatusCode}: {service.Message}", true),
        StoredObjectMismatchException mismatch => new("verify_mismatch", mismatch.Message, false),
        SegmentGoneException => new("segment_gone", e.Message, false),
        SegmentFileException => new("local_io", Flatten(e), false),
        HttpRequestException or SocketException or IOException => new("unreachable", Flatten(e), true),
        TimeoutException or TaskCanceledException => new("timeout", Flatten(e), true),
        // The SDK reports credentials it could not find, and transport problems, as client exceptions.
        AmazonClientException client when client.Message.Contains("credential", StringComparison.OrdinalIgnoreCase) =>
            new("credentials", client.Message, true),
        AmazonClientException client => new(client.InnerException is null ? "client_error" : "unreachable", Flatten(e), true),
        _ => new("unexpected", $"{e.GetType().Name}: {e.Message}", true),
    };

    private static ArchiveFailure FromS3(AmazonS3Exception e)
    {
        var what = $"{e.ErrorCode ?? ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {e.Message}";
        return e.ErrorCode switch
        {
            "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken" or "InvalidToken" or "TokenRefreshRequired" =>
                new("credentials", $"{what} (check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the pod's role)", true),
            "AccessDenied" or "AllAccessDisabled" => new("access_denied", $"{what} (the role needs s3:PutObject, s3:GetObject and s3:ListBucket on the bucket; without ListBucket a missing key reads as AccessDenied)", true),
            "NoSuchBucket" => new("no_bucket", what, true),
            "SlowDown" or "Throttling" or "ThrottlingException" or "RequestLimitExceeded" => new("throttled", what, true),
            _ when e.StatusCode == HttpStatusCode.TooManyRequests => new("throttled", what, true),
            _ when (int)e.StatusCode >= 500 => new("server_error", what, true),
            _ => new("rejected", what, true),
        };
    }

    private static string Flatten(Exception e)
    {
        var messages = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (!messages.Contains(current.Message))
            {
                messages.Add(current.Message);
            }
        }

        return string.Join(": ", messages);
    }
}

/// <summary>The object in the store is not what was sent (size or SHA-256 differ).</summary>
public sealed class StoredObjectMismatchException(string message) : Exception(message);

/// <summary>Reading the segment or writing its compressed copy failed (permissions, disk full): this segment waits, others go on.</summary>
public sealed class SegmentFileException(string message, Exception inner) : Exception(message, inner);

/// <summary>The segment disappeared before it was archived (someone else removed it); nothing to do.</summary>
public sealed class SegmentGoneException(string message) : Exception(message);
