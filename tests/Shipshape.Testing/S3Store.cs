using System.IO.Compression;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Shipshape.Testing;

/// <summary>A client of an S3-compatible store at <paramref name="url"/> as the archiver uses one (path-style, plain signed bodies).</summary>
public sealed class S3Store(Uri url, string accessKey = S3Server.AccessKey, string secretKey = S3Server.SecretKey)
{
    public AmazonS3Client CreateClient() => new(new BasicAWSCredentials(accessKey, secretKey), new AmazonS3Config
    {
        ServiceURL = url.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>Every key in <paramref name="bucket"/>, in key order.</summary>
    public async Task<List<string>> ListKeysAsync(string bucket = "logs")
    {
        using var client = CreateClient();
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }

    /// <summary>The lines of a gzipped object.</summary>
    public async Task<string[]> ReadGzipLinesAsync(string key, string bucket = "logs")
    {
        using var client = CreateClient();
        using var response = await client.GetObjectAsync(bucket, key);
        await using var gzip = new GZipStream(response.ResponseStream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var text = await reader.ReadToEndAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
