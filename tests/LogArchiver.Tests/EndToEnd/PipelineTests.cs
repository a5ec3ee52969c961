using System.Diagnostics;
using Shipshape.LogArchiver.Tests.Support;

namespace Shipshape.LogArchiver.Tests.EndToEnd;

/// <summary>
/// Echo writing rotated segments, the archiver uploading them, the local S3 server storing them: under load, through
/// an outage of the store and through kill -9 of either process, every answered request's line is archived exactly once.
/// </summary>
public sealed class PipelineTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _directory = Directory.CreateTempSubdirectory("pipeline-").FullName;
    private S3Server _s3 = null!;

    public async Task InitializeAsync() => _s3 = await S3Server.StartAsync();

    public async Task DisposeAsync()
    {
        await _s3.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task UnderLoadEveryRequestsLineIsArchivedExactlyOnce()
    {
        const int requests = 20_000;
        await using var archiver = await ArchiverProcess.StartAsync(_directory, _s3);
        await using var echo = await EchoUnderLoad.StartAsync(_directory, maxSegmentBytes: 64 * 1024);

        await EchoUnderLoad.SendAsync(echo, "load-", 0, requests, connections: 32);
        echo.Signal(Signals.SigTerm);
        Assert.Equal(0, await echo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        await WaitUntilAllArchivedAsync(archiver);

        var keys = await _s3.ListKeysAsync();
        Assert.True(keys.Count > 50, $"a 64 KiB segment size should give many segments, got {keys.Count}");
        EchoUnderLoad.AssertEachOnce(await EchoUnderLoad.ArchivedIdsAsync(_s3), "load-", requests);
        Assert.Equal(keys.Count, await archiver.MetricAsync("archiver_uploads_total", "result=\"uploaded\""));
    }

    [Fact]
    public async Task AThirtySecondStoreOutageLosesAndDuplicatesNothingAndTheBacklogRisesAndFalls()
    {
        await using var archiver = await ArchiverProcess.StartAsync(_directory, _s3);
        await using var echo = await EchoUnderLoad.StartAsync(_directory, maxSegmentBytes: 16 * 1024);

        var sent = 0;
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await EchoUnderLoad.SendAsync(echo, "outage-", sent, sent + 200, connections: 4);
                sent += 200;
                await Task.Delay(100);
            }
        });

        await Task.Delay(TimeSpan.FromSeconds(3));
        await _s3.StopAsync();
        var outage = Stopwatch.StartNew();
        double peakBacklog = 0;
        while (outage.Elapsed < TimeSpan.FromSeconds(30))
        {
            peakBacklog = Math.Max(peakBacklog, await archiver.MetricAsync("archiver_backlog_segments"));
            await Task.Delay(500);
        }

        await _s3.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await load;
        echo.Signal(Signals.SigTerm);
        Assert.Equal(0, await echo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var metrics = await WaitUntilAllArchivedAsync(archiver);

        Assert.True(peakBacklog >= 10, $"the backlog should rise during the outage (peak {peakBacklog} segments)");
        Assert.Equal(0, PrometheusText.Sum(metrics, "archiver_backlog_segments"));
        Assert.True(PrometheusText.Sum(metrics, "archiver_upload_failures_total", "reason=\"unreachable\"") >= 1);
        Assert.True(PrometheusText.Sum(metrics, "archiver_upload_retries_total") >= 1);
        EchoUnderLoad.AssertEachOnce(await EchoUnderLoad.ArchivedIdsAsync(_s3), "outage-", sent);
    }

    [Fact]
    public async Task Kill9OfTheArchiverMidUploadLosesAndDuplicatesNothing()
    {
        // Segments big enough that an upload takes a while; a staged copy on disk means the kill hit mid-upload.
        const int segments = 12, linesEach = 4000;
        for (var s = 0; s < segments; s++)
        {
            var path = Segments.WriteClosed(_directory, $"crash-{s}-", linesEach, padding: 300);
            File.WriteAllLines(path, File.ReadAllLines(path).Select(l => l.Replace("\"requestId\"", "\"query\":{\"id\":[\"x\"]},\"requestId\"", StringComparison.Ordinal)));
        }

        var work = Path.Combine(_directory, ".archiver");
        var killsMidUpload = 0;
        for (var attempt = 0; attempt < 20 && killsMidUpload < 3 && Directory.GetFiles(_directory, "*.log").Length > 1; attempt++)
        {
            await using var archiver = await ArchiverProcess.StartAsync(_directory, _s3);
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(20) && !(Directory.Exists(work) && Directory.GetFiles(work, "*.partial").Length > 0))
            {
                await Task.Delay(2);
            }

            archiver.Signal("KILL");
            await archiver.WaitForExitAsync(TimeSpan.FromSeconds(10));
            if (Directory.GetFiles(work, "*.partial").Length > 0)
            {
                killsMidUpload++;
            }
        }

        Assert.True(killsMidUpload >= 1, "at least one kill should hit an upload in progress");
        await using (var archiver = await ArchiverProcess.StartAsync(_directory, _s3))
        {
            await WaitUntilAllArchivedAsync(archiver);
            Assert.Empty(Directory.GetFiles(work, "*.partial"));
        }

        var keys = await _s3.ListKeysAsync();
        Assert.Equal(segments, keys.Count);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            foreach (var id in Segments.Ids(await _s3.ReadGzipLinesAsync(key)))
            {
                ids[id] = ids.GetValueOrDefault(id) + 1;
            }
        }

        Assert.Equal(segments * linesEach, ids.Count);
        Assert.All(ids, id => Assert.Equal(1, id.Value));
    }

    [Fact]
    public async Task Kill9OfEchoEveryFlushedLineIsArchivedWithoutEchoComingBack()
    {
        const int requests = 3000;
        await using var archiver = await ArchiverProcess.StartAsync(_directory, _s3);
        await using var echo = await EchoUnderLoad.StartAsync(_directory, maxSegmentBytes: 256 * 1024, flushInterval: "00:00:00.200");

        await EchoUnderLoad.SendAsync(echo, "killed-", 0, requests);
        await Task.Delay(TimeSpan.FromSeconds(1)); // longer than the flush interval: every line has reached the file
        echo.Signal("KILL");
        await echo.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.NotEmpty(Directory.GetFiles(_directory, "*.log.active"));

        // Nobody restarts Echo: the archiver sees the open segment's lock gone and closes it itself.
        await WaitUntilAllArchivedAsync(archiver);
        EchoUnderLoad.AssertEachOnce(await EchoUnderLoad.ArchivedIdsAsync(_s3), "killed-", requests);
        Assert.Contains(archiver.Lines, line => line.Contains("whose writer is gone", StringComparison.Ordinal));
    }

    /// <summary>Waits until no segment is left in the directory, open or closed, and the archiver's backlog is 0.</summary>
    private async Task<string> WaitUntilAllArchivedAsync(ArchiverProcess archiver) =>
        await archiver.WaitForMetricsAsync(
            metrics => PrometheusText.Sum(metrics, "archiver_backlog_segments") == 0 && Directory.GetFiles(_directory, "*.log*").Length == 0,
            Patience, "every segment archived");
}
