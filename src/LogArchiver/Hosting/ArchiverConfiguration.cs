using System.Text.RegularExpressions;
using Shipshape.LogArchiver.Archiving;
using Shipshape.ServiceDefaults.Hosting;

namespace Shipshape.LogArchiver.Hosting;

/// <summary>Everything the archiver needs before it starts, checked up front.</summary>
public sealed record ArchiverSettings(ArchiveOptions Archive, S3Options S3, SegmentKeys Keys);

/// <summary>
/// Binds and validates configuration before anything starts: a bad value stops the process with one line naming the
/// key. What only the store can judge (credentials, the bucket's existence) is not checked here: an archiver that
/// cannot reach S3 keeps the segments and retries, it never exits.
/// </summary>
public static partial class ArchiverConfiguration
{
    private const int MaxConcurrency = 16;

    public static bool TryLoad(IConfiguration configuration, out ArchiverSettings? settings, out string error)
    {
        settings = null;
        var archive = new ArchiveOptions();
        var s3 = new S3Options();
        try
        {
            configuration.GetSection(ArchiveOptions.Section).Bind(archive);
            configuration.GetSection(S3Options.Section).Bind(s3);
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key: "Failed to convert configuration value at 'Archive:PollInterval' ...".
            error = e.Message;
            return false;
        }

        var errors = new List<string>();
        ValidateArchive(archive, errors);
        ValidateS3(s3, errors);
        error = string.Join("; ", errors);
        if (errors.Count > 0)
        {
            return false;
        }

        settings = new ArchiverSettings(archive, s3,
            new SegmentKeys(archive.KeyTemplate, archive.Prefix, archive.ResolvedNamespace, archive.ResolvedPod));
        return true;
    }

    private static void ValidateArchive(ArchiveOptions archive, List<string> errors)
    {
        const string s = ArchiveOptions.Section;
        if (string.IsNullOrWhiteSpace(archive.Directory))
        {
            errors.Add($"{s}:Directory must name the directory of the closed log segments (environment {s}__Directory)");
        }
        else if (DirectoryProbe.Problem(archive.Directory) is { } problem)
        {
            errors.Add($"{s}:Directory '{archive.Directory}' {problem}");
        }
        else if (!string.IsNullOrWhiteSpace(archive.WorkDirectory) && DirectoryProbe.Problem(archive.WorkDirectory) is { } workProblem)
        {
            errors.Add($"{s}:WorkDirectory '{archive.WorkDirectory}' {workProblem}");
        }

        if (string.IsNullOrWhiteSpace(archive.Bucket))
        {
            errors.Add($"{s}:Bucket must name the S3 bucket to archive to (environment {s}__Bucket)");
        }
        else if (!BucketName().IsMatch(archive.Bucket) || archive.Bucket.Contains("..", StringComparison.Ordinal))
        {
            errors.Add($"{s}:Bucket '{archive.Bucket}' is not a valid bucket name (3-63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit)");
        }

        if (SegmentKeys.Problem(archive.KeyTemplate) is { } template)
        {
            errors.Add($"{s}:KeyTemplate '{archive.KeyTemplate}' {template}");
        }

        if (archive.Concurrency is < 1 or > MaxConcurrency)
        {
            errors.Add($"{s}:Concurrency must be between 1 and {MaxConcurrency} (got {archive.Concurrency})");
        }

        if (archive.PollInterval <= TimeSpan.Zero || archive.PollInterval > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{s}:PollInterval must be between 00:00:00 and 00:10:00, exclusive of zero (got {archive.PollInterval})");
        }

        if (archive.RetryBaseDelay <= TimeSpan.Zero)
        {
            errors.Add($"{s}:RetryBaseDelay must be positive (got {archive.RetryBaseDelay})");
        }
        else if (archive.RetryMaxDelay < archive.RetryBaseDelay)
        {
            errors.Add($"{s}:RetryMaxDelay must be at least {s}:RetryBaseDelay (got {archive.RetryMaxDelay} < {archive.RetryBaseDelay})");
        }

        if (!Enum.IsDefined(archive.Verify))
        {
            errors.Add($"{s}:Verify must be Download or Head (got {archive.Verify})");
        }

        if (!Enum.IsDefined(archive.CompressionLevel))
        {
            errors.Add($"{s}:CompressionLevel must be Fastest, Optimal or SmallestSize (got {archive.CompressionLevel})");
        }

        archive.Shutdown.Validate(s, errors);
    }

    private static void ValidateS3(S3Options s3, List<string> errors)
    {
        const string s = S3Options.Section;
        if (!string.IsNullOrWhiteSpace(s3.ServiceUrl)
            && (!Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            errors.Add($"{s}:ServiceUrl '{s3.ServiceUrl}' must be an absolute http or https URL");
        }
        else if (string.IsNullOrWhiteSpace(s3.ServiceUrl) && s3.ResolvedRegion is null)
        {
            errors.Add($"{s}:Region (or AWS_REGION) must be set when {s}:ServiceUrl is not: AWS S3 needs the bucket's region");
        }

        if (s3.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{s}:Timeout must be positive (got {s3.Timeout})");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
