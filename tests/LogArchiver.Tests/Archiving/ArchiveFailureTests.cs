using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Shipshape.LogArchiver.Archiving;

namespace Shipshape.LogArchiver.Tests.Archiving;

public sealed class ArchiveFailureTests
{
    [Theory]
    [InlineData("InvalidAccessKeyId", HttpStatusCode.Forbidden, "credentials")]
    [InlineData("SignatureDoesNotMatch", HttpStatusCode.Forbidden, "credentials")]
    [InlineData("ExpiredToken", HttpStatusCode.BadRequest, "credentials")]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, "access_denied")]
    [InlineData("NoSuchBucket", HttpStatusCode.NotFound, "no_bucket")]
    [InlineData("SlowDown", HttpStatusCode.ServiceUnavailable, "throttled")]
    [InlineData("", HttpStatusCode.TooManyRequests, "throttled")]
    [InlineData("InternalError", HttpStatusCode.InternalServerError, "server_error")]
    [InlineData("InvalidArgument", HttpStatusCode.BadRequest, "rejected")]
    public void StoreErrorsAreNamedAndPauseEveryUpload(string code, HttpStatusCode status, string reason)
    {
        var failure = ArchiveFailure.From(new AmazonS3Exception("message", ErrorType.Sender, code, "request-id", status));

        Assert.Equal(reason, failure.Reason);
        Assert.True(failure.StoreWide);
        Assert.Contains("message", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreachableEndpointNamesTheSocketError()
    {
        var failure = ArchiveFailure.From(new HttpRequestException("Connection refused (127.0.0.1:9)", new SocketException((int)SocketError.ConnectionRefused)));

        Assert.Equal("unreachable", failure.Reason);
        Assert.True(failure.StoreWide);
        Assert.Contains("Connection refused", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingCredentialsAreACredentialsFailureNotACrash()
    {
        var failure = ArchiveFailure.From(new AmazonClientException("Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors: ..."));

        Assert.Equal("credentials", failure.Reason);
        Assert.True(failure.StoreWide);
    }

    [Fact]
    public void ProblemsOfOneSegmentDelayOnlyThatSegment()
    {
        Assert.False(ArchiveFailure.From(new SegmentFileException("cannot read /logs/a.log", new UnauthorizedAccessException("denied"))).StoreWide);
        Assert.Equal("local_io", ArchiveFailure.From(new SegmentFileException("cannot read /logs/a.log", new IOException("disk"))).Reason);
        Assert.Equal("verify_mismatch", ArchiveFailure.From(new StoredObjectMismatchException("differs")).Reason);
        Assert.Equal("segment_gone", ArchiveFailure.From(new SegmentGoneException("gone")).Reason);
    }
}
