using System.Net;
using Shipshape.Image.Tests.Support;
using Shipshape.LogArchiver.Tests.Support;

namespace Shipshape.Image.Tests;

/// <summary>
/// The log archiver's image (src/LogArchiver/Dockerfile): what it declares and holds, and run for real with a host
/// directory mounted as its segment directory and an object store that refuses connections.
/// </summary>
[Collection(BuiltImages.Name)]
public sealed class LogArchiverImageTests(ImageFixture images)
{
    private const string Target = "jit";
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task LogArchiverImageRunsAsNumericNonRootUser10001() =>
        await ImageChecks.AssertRunsAsNumericNonRootUser10001Async(await ArchiverAsync(), Target);

    [Fact]
    public async Task LogArchiverImageEntrypointIsExecFormWithoutAShell() =>
        await ImageChecks.AssertEntrypointIsExecFormWithoutAShellAsync(await ArchiverAsync(), Target, "dotnet /app/Shipshape.LogArchiver.dll");

    [Fact]
    public async Task LogArchiverImageExposesAndListensOnPort8081() =>
        await ImageChecks.AssertExposesAndListensOnAsync(await ArchiverAsync(), Target, "8081/tcp", "ASPNETCORE_URLS=http://+:8081");

    [Fact]
    public async Task LogArchiverImageCarriesOciLabelsWithTheBuiltRevision() =>
        await ImageChecks.AssertOciLabelsWithTheBuiltRevisionAsync(await ArchiverAsync(), Target);

    [Fact]
    public async Task LogArchiverImageIsSmallerThan290MegabytesAndAddsLittleToItsBase()
    {
        var archiver = await ArchiverAsync();
        var appBytes = await ImageChecks.AppFilesAsync(archiver, Target, files => files.Sum(f => f.Length));

        // Measured: 268 MB (uncompressed), 264 MB of it the local aspnet base; /app 3.2 MB (the AWS SDK included).
        Assert.InRange(archiver.SizeMegabytes(Target), 1, 289);
        Assert.InRange(appBytes, 1, 10_000_000L);
    }

    [Fact]
    public async Task LogArchiverContainerAnswersProbesAndMetricsWhileTheStoreIsUnreachableAndStopsOnSigterm()
    {
        using var volume = await ArchiveVolume.CreateAsync();
        var segment = Segments.WriteClosed(volume.Path, "image-", lines: 100);
        await using var archiver = await Launch.LogArchiverAsync(await ArchiverAsync(), volume);

        using var healthy = await archiver.Client.GetAsync("/healthz");
        using var ready = await archiver.Client.GetAsync("/readyz");
        var metrics = await WaitForMetricsAsync(archiver, text => PrometheusText.Sum(text, "archiver_upload_failures_total") > 0, "a failed upload");
        var uid = RunningContainer.UidOf(await archiver.ListenerPidAsync());
        var exitCode = await archiver.TerminateAsync(StopTimeout);

        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(PrometheusText.Has(metrics, "archiver_backlog_segments"), metrics);
        Assert.Equal(1, PrometheusText.Sum(metrics, "archiver_backlog_segments"));
        Assert.Equal(10001, uid);
        Assert.True(exitCode == 0, $"exit code {exitCode}. Output:\n{archiver.Output}");
        // Not stored, so not deleted: the segment waits for the next start; no staged copy is left behind.
        Assert.True(File.Exists(segment), $"{segment} was deleted although the store never answered");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(volume.Path, ".archiver")));
    }

    [Fact]
    public async Task LogArchiverContainerWritesOnlyToTheMountedDirectorySoAReadOnlyRootFileSystemWorks()
    {
        var built = await ArchiverAsync();
        using var volume = await ArchiveVolume.CreateAsync();
        Segments.WriteClosed(volume.Path, "image-", lines: 100);
        var since = DateTime.UtcNow.AddSeconds(-1);
        await using var archiver = await Launch.LogArchiverAsync(built, volume);
        var root = await archiver.Container.MountAsync();
        // Start-up, probes, a failed upload (the segment gzipped to a staging file) and shutdown with its last attempts.
        await archiver.Client.GetStringAsync("/healthz");
        await WaitForMetricsAsync(archiver, text => PrometheusText.Sum(text, "archiver_upload_failures_total") > 0, "a failed upload");

        var exitCode = await archiver.TerminateAsync(StopTimeout);

        Assert.True(exitCode == 0, $"exit code {exitCode}. Output:\n{archiver.Output}");
        var written = ImageChecks.WrittenSince(root, since)
            .Concat(ImageChecks.DirectoriesChangedSince(root, since, Launch.ArchiveDirectory))
            .ToList();

        Assert.True(written.Count == 0, "written at run time: " + string.Join(", ", written));
        Assert.True(Directory.Exists(Path.Combine(volume.Path, ".archiver")), "the staging directory is not in the mounted directory");
    }

    [Fact]
    public async Task LogArchiverContainerWithoutBucketExitsWith2AndOneStderrLineNamingArchiveBucket()
    {
        using var volume = await ArchiveVolume.CreateAsync();
        var archiver = await ArchiverAsync();

        var result = await archiver.Buildah.RunToEndAsync(archiver.Image(Target), Launch.LogArchiverOptions(volume), TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 2, result.Describe());
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("Archive:Bucket", line, StringComparison.Ordinal);
    }

    private Task<ServiceImages> ArchiverAsync() => images.ServiceAsync("log-archiver");

    /// <summary>Scrapes /metrics until <paramref name="condition"/> holds; fails with the last scrape after 30 s.</summary>
    private static async Task<string> WaitForMetricsAsync(RunningContainer archiver, Func<string, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var text = "";
        while (DateTime.UtcNow < deadline)
        {
            text = await archiver.Client.GetStringAsync("/metrics");
            if (condition(text))
            {
                return text;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"waited 30 s for {what}.\nmetrics:\n{text}\nOutput:\n{archiver.Output}");
    }
}
