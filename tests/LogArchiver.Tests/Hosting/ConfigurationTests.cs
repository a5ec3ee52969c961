using Microsoft.Extensions.Configuration;
using Shipshape.LogArchiver.Hosting;
using Shipshape.LogArchiver.Tests.Support;

namespace Shipshape.LogArchiver.Tests.Hosting;

/// <summary>Bad configuration stops the archiver at start with one line naming the key.</summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("archiver-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Dictionary<string, string?> Valid() => new()
    {
        ["Archive:Directory"] = _directory,
        ["Archive:Bucket"] = "logs",
        ["S3:ServiceUrl"] = "http://127.0.0.1:9000",
    };

    private static (bool Ok, ArchiverSettings? Settings, string Error) Load(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var ok = ArchiverConfiguration.TryLoad(configuration, out var settings, out var error);
        return (ok, settings, error);
    }

    [Fact]
    public void AValidConfigurationLoadsWithTheDocumentedDefaults()
    {
        var (ok, settings, error) = Load(Valid());

        Assert.True(ok, error);
        Assert.Equal("logs", settings!.Archive.Prefix);
        Assert.Equal(SegmentKeysDefault, settings.Archive.KeyTemplate);
        Assert.Equal(VerifyMode.Download, settings.Archive.Verify);
        Assert.Equal(Path.Combine(_directory, ".archiver"), settings.Archive.ResolvedWorkDirectory);
    }

    private const string SegmentKeysDefault = "{prefix}/{namespace}/{pod}/{yyyy}/{MM}/{dd}/{segment}.gz";

    [Theory]
    [InlineData("Archive:Bucket", null, "Archive:Bucket must name the S3 bucket")]
    [InlineData("Archive:Bucket", "Logs_Bucket", "Archive:Bucket 'Logs_Bucket' is not a valid bucket name")]
    [InlineData("Archive:Bucket", "a..b", "is not a valid bucket name")]
    [InlineData("Archive:Directory", null, "Archive:Directory must name the directory")]
    [InlineData("Archive:Directory", "/no/such/directory", "Archive:Directory '/no/such/directory' does not exist")]
    [InlineData("Archive:Concurrency", "0", "Archive:Concurrency must be between 1 and 16 (got 0)")]
    [InlineData("Archive:Concurrency", "many", "Archive:Concurrency")]
    [InlineData("Archive:PollInterval", "00:00:00", "Archive:PollInterval must be between")]
    [InlineData("Archive:PollInterval", "soon", "Archive:PollInterval")]
    [InlineData("Archive:RetryMaxDelay", "00:00:00.100", "Archive:RetryMaxDelay must be at least Archive:RetryBaseDelay")]
    [InlineData("Archive:KeyTemplate", "{prefix}/{pod}.gz", "Archive:KeyTemplate '{prefix}/{pod}.gz' must contain {segment}")]
    [InlineData("Archive:Verify", "Maybe", "Archive:Verify")]
    [InlineData("Archive:CompressionLevel", "Extreme", "Archive:CompressionLevel")]
    [InlineData("Archive:Shutdown:Timeout", "00:00:00", "Archive:Shutdown:Timeout must be longer than")]
    [InlineData("S3:ServiceUrl", "minio:9000", "S3:ServiceUrl 'minio:9000' must be an absolute http or https URL")]
    [InlineData("S3:Timeout", "-00:00:01", "S3:Timeout must be positive")]
    public void EachBadSettingIsNamed(string key, string? value, string expected)
    {
        var values = Valid();
        values[key] = value;

        var (ok, _, error) = Load(values);

        Assert.False(ok);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void AWSWithoutARegionIsRefusedUpFront()
    {
        var values = Valid();
        values.Remove("S3:ServiceUrl");
        var saved = (Environment.GetEnvironmentVariable("AWS_REGION"), Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"));
        Environment.SetEnvironmentVariable("AWS_REGION", null);
        Environment.SetEnvironmentVariable("AWS_DEFAULT_REGION", null);
        try
        {
            var (ok, _, error) = Load(values);
            Assert.False(ok);
            Assert.Contains("S3:Region (or AWS_REGION) must be set when S3:ServiceUrl is not", error, StringComparison.Ordinal);

            values["S3:Region"] = "eu-west-1";
            Assert.True(Load(values).Ok);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_REGION", saved.Item1);
            Environment.SetEnvironmentVariable("AWS_DEFAULT_REGION", saved.Item2);
        }
    }

    [Fact]
    public void ADirectoryThatIsAFileIsRefused()
    {
        var file = Path.Combine(_directory, "not-a-directory");
        File.WriteAllText(file, "");
        var values = Valid();
        values["Archive:Directory"] = file;

        var (ok, _, error) = Load(values);

        Assert.False(ok);
        Assert.Contains($"Archive:Directory '{file}' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheProcessExitsWith2AndOneStderrLineNamingTheKey()
    {
        await using var archiver = await ArchiverProcess.StartAsync(_directory, s3: null,
            new Dictionary<string, string?> { ["Archive__Bucket"] = null, ["Archive__Concurrency"] = "0", ["S3__ServiceUrl"] = "http://127.0.0.1:9" },
            waitUntilListening: false);

        Assert.Equal(2, await archiver.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var line = Assert.Single(archiver.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("logarchiver: invalid configuration: ", line, StringComparison.Ordinal);
        Assert.Contains("Archive:Bucket must name the S3 bucket", line, StringComparison.Ordinal);
        Assert.Contains("Archive:Concurrency must be between 1 and 16", line, StringComparison.Ordinal);
    }
}
