using System.Net;
using System.Security.Cryptography;
using Amazon.S3.Model;
using Shipshape.LogArchiver.Tests.Support;
using Shipshape.LogArchiver.Archiving;

namespace Shipshape.LogArchiver.Tests.BlackBox;

/// <summary>The archiver as a real process against the local S3 server: what lands where, and what is left on disk.</summary>
public sealed class ArchiveTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("archiver-").FullName;
    private S3Server _s3 = null!;

    public async Task InitializeAsync() => _s3 = await S3Server.StartAsync();

    public async Task DisposeAsync()
    {
        await _s3.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private string[] SegmentsOnDisk() => Directory.GetFiles(_directory, "*.log");

    [Fact]
    public async Task ClosedSegmentsAreStoredGzippedUnderTheirKeyWithTheirHashThenDeleted()
    {
        var started = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var first = Segments.WriteClosed(_directory, "a", 1000, started);
        var second = Segments.WriteClosed(_directory, "b", 10, started.AddDays(1));
        var expected = new[] { first, second }.ToDictionary(p => Path.GetFileName(p), File.ReadAllLines);
        var open = Path.Combine(_directory, Segments.Name(started.AddDays(2)) + ".active");
        using var writer = new FileStream(open, FileMode.CreateNew, FileAccess.Write, FileShare.Read); // a live writer's lock
        writer.Write("being written\n"u8);
        writer.Flush();

        await using var archiver = await ArchiverProcess.StartAsync(_directory, _s3);
        await archiver.WaitForMetricsAsync(m => PrometheusText.Sum(m, "archiver_uploads_total", "result=\"uploaded\"") == 2, Patience, "two uploads");

        Assert.Empty(SegmentsOnDisk());
        Assert.True(File.Exists(open), "the open segment of a live writer is left alone");
        var keys = await _s3.ListKeysAsync();
        Assert.Equal(expected.Keys.Select(name => $"logs/shop/echo-0/{(name.Contains("20261125", StringComparison.Ordinal) ? "2026/11/25" : "2026/11/26")}/{name}.gz").Order(), keys);
        using var client = _s3.CreateClient();
        foreach (var key in keys)
        {
            Assert.Equal(expected[Path.GetFileNameWithoutExtension(key)!], await _s3.ReadGzipLinesAsync(key));
            using var stored = await client.GetObjectAsync("logs", key);
            using var body = new MemoryStream();
            await stored.ResponseStream.CopyToAsync(body);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body.ToArray())), stored.Metadata["sha256"]);
            Assert.Equal(expected[Path.GetFileNameWithoutExtension(key)!].Length.ToString(System.Globalization.CultureInfo.InvariantCulture), stored.Metadata["lines"]);
            Assert.Equal("application/gzip", stored.Headers.ContentType);
        }

        var metrics = await archiver.MetricsAsync();
        Assert.Equal(1010, PrometheusText.Sum(metrics, "archiver_lines_total"));
        Assert.Equal(expected.Values.Sum(lines => lines.Sum(l => l.Length + 1)), PrometheusText.Sum(metrics, "archiver_read_bytes_total"));
        Assert.InRange(PrometheusText.Sum(metrics, "archiver_uploaded_bytes_total"), 1, PrometheusText.Sum(metrics, "archiver_read_bytes_total") / 5);
        Assert.Equal(0, PrometheusText.Sum(metrics, "archiver_backlog_segments"));
        Assert.Equal(0, PrometheusText.Sum(metrics, "archiver_upload_failures_total"));
        // Every reason is exported from the start, at 0, so that rates and dashboards show 0 rather than no data.
        Assert.All(ArchiveFailure.Reasons, reason => Assert.Matches($"(?m)^archiver_upload_failures_total{{[^}}]*reason=\"{reason}\"[^}}]*}} 0", metrics));
    }

    [Fact]
    public async Task ASegmentAlreadyStoredByARunThatCrashedBeforeDeletingIsNotUploadedTwice()
    {
        var segment = Segments.WriteClosed(_directory, "c", 500);
        await using (var archiver = await ArchiverProcess.StartAsync(_directory, _s3))
        {
            await archiver.WaitForMetricsAsync(m => PrometheusText.Sum(m, "archiver_uploads_total") == 1, Patience, "the first upload");
        }

        // The crash between upload and delete, replayed: the same segment is back on disk.
        var key = Assert.Single(await _s3.ListKeysAsync());
        File.WriteAllLines(segment, await _s3.ReadGzipLinesAsync(key));

        await using (var archiver = await ArchiverProcess.StartAsync(_directory, _s3))
        {
            var metrics = await archiver.WaitForMetricsAsync(m => PrometheusText.Sum(m, "archiver_uploads_total") == 1, Patience, "the second pass");
            Assert.Equal(1, PrometheusText.Sum(metrics, "archiver_uploads_total", "result=\"already_present\""));
            Assert.Equal(0, PrometheusText.Sum(metrics, "archiver_uploaded_bytes_total"));
        }

        Assert.Equal([key], await _s3.ListKeysAsync());
        Assert.Empty(SegmentsOnDisk());
    }

    [Fact]
    public async Task WrongCredentialsAreLoggedAndCountedTheSegmentsStayAndTheRightOnesArchiveThem()
    {
        Segments.WriteClosed(_directory, "d", 100);
        await using (var archiver = await ArchiverProcess.StartAsync(_directory, _s3, new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "WRONGKEY" }))
        {
            var metrics = await archiver.WaitForMetricsAsync(m => PrometheusText.Sum(m, "archiver_upload_failures_total", "reason=\"credentials\"") >= 2, Patience, "credential failures");
            Assert.True(PrometheusText.Sum(metrics, "archiver_upload_retries_total") >= 1);
            Assert.Equal(1, PrometheusText.Sum(metrics, "archiver_backlog_segments"));
            Assert.Equal(HttpStatusCode.OK, (await archiver.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await archiver.GetAsync("/readyz")).StatusCode);
            Assert.Contains(archiver.Lines, line => line.Contains("failed (credentials: InvalidAccessKeyId", StringComparison.Ordinal)
                && line.Contains("AWS_ACCESS_KEY_ID", StringComparison.Ordinal) && line.Contains("the segment stays on disk", StringComparison.Ordinal));
            Assert.False(archiver.HasExited);
        }

        Assert.Single(SegmentsOnDisk());
        Assert.Empty(await _s3.ListKeysAsync());

        await using (var archiver = await ArchiverProcess.StartAsync(_directory, _s3))
        {
            await archiver.WaitForMetricsAsync(m => PrometheusText.Sum(m, "archiver_uploads_total") == 1, Patience, "the upload with the right key");
        }

        Assert.Empty(SegmentsOnDisk());
        Assert.Single(await _s3.ListKeysAsync());
    }

    [Fact]
    public async Task AMissingBucketAndAnUnreachableEndpointAreNamedAndRetriedNeverFatal()
    {
        Segments.WriteClosed(_directory, "e", 10);
        await using (var archiver = await ArchiverProcess.StartAsync(_directory, _s3, new Dictionary<string, string?> { ["Archive__Bucket"] = "no-such-bucket" }))
        {
            await archiver.WaitForMetricsAsync(m => PrometheusText.Sum(m, "archiver_upload_failures_total", "reason=\"no_bucket\"") >= 2, Patience, "no-bucket failures");
            Assert.Contains(archiver.Lines, line => line.Contains("s3://no-such-bucket/", StringComparison.Ordinal) && line.Contains("NoSuchBucket", StringComparison.Ordinal));
        }

        await using (var archiver = await ArchiverProcess.StartAsync(_directory, _s3, new Dictionary<string, string?> { ["S3__ServiceUrl"] = $"http://127.0.0.1:{ClosedPort()}" }))
        {
            await archiver.WaitForMetricsAsync(m => PrometheusText.Sum(m, "archiver_upload_failures_total", "reason=\"unreachable\"") >= 2, Patience, "unreachable failures");
            Assert.Contains(archiver.Lines, line => line.Contains("failed (unreachable:", StringComparison.Ordinal) && line.Contains("Connection refused", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.OK, (await archiver.GetAsync("/healthz")).StatusCode);
        }

        Assert.Single(SegmentsOnDisk());
    }

    [Fact]
    public async Task ASegmentClosedWhileItRunsIsPickedUpAtOnceNotAtTheNextPoll()
    {
        await using var archiver = await ArchiverProcess.StartAsync(_directory, _s3, new Dictionary<string, string?> { ["Archive__PollInterval"] = "00:10:00" });
        await Task.Delay(500); // past the first scan, which found nothing
        var open = Path.Combine(_directory, Segments.Name(DateTimeOffset.UtcNow) + ".active");
        File.WriteAllLines(open, Segments.Lines("w", 5));
        File.Move(open, open[..^".active".Length]);

        // Only the directory watcher can wake it before the 10-minute poll.
        await archiver.WaitForMetricsAsync(m => PrometheusText.Sum(m, "archiver_uploads_total") == 1, Patience, "the upload woken by the rename");
        Assert.Empty(SegmentsOnDisk());
    }

    [Fact]
    public async Task OnSigtermWhatIsLeftIsUploadedThenItExits()
    {
        await using var archiver = await ArchiverProcess.StartAsync(_directory, _s3, new Dictionary<string, string?> { ["Archive__PollInterval"] = "00:05:00" });
        // Closed after the start by a writer that stops with the pod: the watcher or the drain must find them.
        var open = Path.Combine(_directory, Segments.Name(DateTimeOffset.UtcNow) + ".active");
        var writer = new FileStream(open, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        writer.Write("{\"requestId\":\"last\"}\n"u8);
        writer.Flush();
        archiver.Signal(Signals.SigTerm);
        await Task.Delay(500);
        await writer.DisposeAsync();
        File.Move(open, open[..^".active".Length]);

        Assert.Equal(0, await archiver.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(SegmentsOnDisk());
        var key = Assert.Single(await _s3.ListKeysAsync());
        Assert.Equal(["last"], Segments.Ids(await _s3.ReadGzipLinesAsync(key)));
        Assert.Contains(archiver.Lines, line => line.Contains("Stopped: every closed segment is archived", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnSigtermWithTheStoreDownItExitsWithinTheBudgetAndLeavesTheSegmentsForTheNextStart()
    {
        await _s3.StopAsync();
        Segments.WriteClosed(_directory, "f", 10);
        Segments.WriteClosed(_directory, "g", 10);
        await using var archiver = await ArchiverProcess.StartAsync(_directory, _s3, new Dictionary<string, string?> { ["Archive__Shutdown__Timeout"] = "00:00:03" });
        await archiver.WaitForMetricsAsync(m => PrometheusText.Sum(m, "archiver_upload_failures_total") >= 1, Patience, "a failure");

        archiver.Signal(Signals.SigTerm);

        Assert.Equal(0, await archiver.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(2, SegmentsOnDisk().Length);
        Assert.Contains(archiver.Lines, line => line.Contains("Stopped with 2 segments", StringComparison.Ordinal) && line.Contains("stay on disk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASegmentWhoseWriterDiedIsClosedAndArchivedWithoutTheWriterComingBack()
    {
        var orphan = Path.Combine(_directory, Segments.Name(DateTimeOffset.UtcNow.AddMinutes(-1)) + ".active");
        File.WriteAllLines(orphan, Segments.Lines("h", 20));
        File.SetLastWriteTimeUtc(orphan, DateTime.UtcNow.AddMinutes(-1));

        await using var archiver = await ArchiverProcess.StartAsync(_directory, _s3);
        await archiver.WaitForMetricsAsync(m => PrometheusText.Sum(m, "archiver_uploads_total") == 1, Patience, "the orphan's upload");

        Assert.Empty(Directory.GetFiles(_directory, "*.log*"));
        var key = Assert.Single(await _s3.ListKeysAsync());
        Assert.EndsWith(Path.GetFileName(orphan)[..^".active".Length] + ".gz", key, StringComparison.Ordinal);
        Assert.Equal(20, Segments.Ids(await _s3.ReadGzipLinesAsync(key)).Count());
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
