using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Shipshape.LogArchiver.Hosting;

namespace Shipshape.LogArchiver.Archiving;

public static class S3ClientFactory
{
    /// <summary>
    /// A client on the AWS default credential chain (environment, web identity/IRSA, EKS Pod Identity, instance role),
    /// resolved on the first request, so missing or wrong credentials are upload failures that are retried, not a crash.
    /// </summary>
    public static AmazonS3Client Create(S3Options options)
    {
        var config = new AmazonS3Config
        {
            Timeout = options.Timeout,
            // The archiver retries itself (backoff with jitter, counted in its metrics); SDK retries would hide failures.
            MaxErrorRetry = 0,
            // Checksums only where the API requires them: S3-compatible stores differ in what they accept; the
            // archiver sends Content-MD5 and verifies the stored object itself.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        var region = options.ResolvedRegion;
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.ForcePathStyle = options.ForcePathStyle ?? true;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            config.ForcePathStyle = options.ForcePathStyle ?? false;
        }

        return new AmazonS3Client(config);
    }
}
