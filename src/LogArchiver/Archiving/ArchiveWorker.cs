using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Shipshape.LogArchiver.Hosting;
using Shipshape.LogArchiver.Metrics;

namespace Shipshape.LogArchiver.Archiving;

/// <summary>
/// The archive loop. The directory is the queue: every pass lists the closed segments and archives them, oldest first,
/// a few at a time; a segment is deleted only once its object is stored and checked, so after any crash the next start
/// resumes where this one was. Failures are retried with backoff; a store-wide failure pauses every upload.
/// On shutdown what is left (including segments closed during the shutdown) is archived within the budget.
/// </summary>
public sealed partial class ArchiveWorker(
    ArchiverSettings settings, Backlog backlog, SegmentArchiver archiver, ArchiverMetrics metrics,
    ArchiveLoopHealthCheck liveness, ILogger<ArchiveWorker> logger) : BackgroundService
{
    /// <summary>Kept back from the shutdown budget for the last log lines.</summary>
    private static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(1);

    private readonly ArchiveOptions _options = settings.Archive;
    private readonly Backoff _backoff = new(settings.Archive.RetryBaseDelay, settings.Archive.RetryMaxDelay);
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset NotBefore)> _retries = new(StringComparer.Ordinal);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _storeFailures;
    private long _storePausedUntilTicks; // UTC ticks; written by concurrent uploads

    private DateTimeOffset StorePausedUntil
    {
        get => new(Interlocked.Read(ref _storePausedUntilTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _storePausedUntilTicks, value.UtcTicks);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        PrepareWorkDirectory();
        using var watcher = WatchDirectory();
        LogStarted(logger, _options.Directory!, _options.Bucket!, _options.KeyTemplate);
        while (!stoppingToken.IsCancellationRequested)
        {
            liveness.Beat();
            try
            {
                await RunPassAsync(stoppingToken);
                await WaitForWorkAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await base.StopAsync(cancellationToken);
        var budget = _options.Shutdown.Timeout - ShutdownMargin - Stopwatch.GetElapsedTime(started);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget > TimeSpan.Zero ? budget : TimeSpan.Zero);
        LogDraining(logger, backlog.Segments, budget.TotalMilliseconds);
        try
        {
            await DrainAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // Budget spent: what is left stays on disk.
        }

        var left = backlog.Scan().Count;
        if (left == 0)
        {
            LogDrained(logger);
        }
        else
        {
            LogLeftBehind(logger, left, backlog.Bytes);
        }
    }

    /// <summary>Archives until nothing is left or open, pausing between failed passes as the backoff says.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            StorePausedUntil = DateTimeOffset.MinValue;
            await RunPassAsync(cancellationToken, ignoreSegmentBackoff: true);
            var waiting = backlog.Scan().Count;
            if (waiting == 0 && !backlog.AnyOpen())
            {
                return;
            }

            // Either a failure (back off) or a writer still closing its segment (look again soon).
            var pause = waiting > 0 && _storeFailures > 0 ? _backoff.Delay(_storeFailures) : TimeSpan.FromMilliseconds(200);
            await Task.Delay(pause, cancellationToken);
        }
    }

    private async Task RunPassAsync(CancellationToken cancellationToken, bool ignoreSegmentBackoff = false)
    {
        if (DateTimeOffset.UtcNow < StorePausedUntil)
        {
            return;
        }

        if (backlog.CloseOrphans() is > 0 and var orphans)
        {
            LogOrphans(logger, orphans);
        }

        var now = DateTimeOffset.UtcNow;
        var due = backlog.Scan().Where(s => ignoreSegmentBackoff || !_retries.TryGetValue(s.Name, out var r) || r.NotBefore <= now).ToList();
        if (due.Count == 0)
        {
            return;
        }

        using var pass = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = pass.Token },
                async (segment, token) =>
                {
                    if (!await ArchiveOneAsync(segment, token))
                    {
                        // The store itself failed: the other uploads of this pass would fail the same way.
                        await pass.CancelAsync();
                    }
                });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Stopped by a store failure; the pause is set.
        }
    }

    /// <summary>Archives one segment; false when the store failed (every upload pauses).</summary>
    private async Task<bool> ArchiveOneAsync(Segment segment, CancellationToken cancellationToken)
    {
        var retry = _retries.TryGetValue(segment.Name, out var previous);
        if (retry)
        {
            metrics.Retried();
        }

        metrics.Started();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var archived = await archiver.ArchiveAsync(segment, cancellationToken);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            metrics.Archived(archived, seconds);
            backlog.Archived(segment);
            _retries.TryRemove(segment.Name, out _);
            Interlocked.Exchange(ref _storeFailures, 0);
            LogArchived(logger, segment.Name, _options.Bucket!, archived.Key, archived.Lines, archived.BytesIn, archived.BytesOut, archived.AlreadyPresent, seconds * 1000);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            metrics.Abandoned();
            throw;
        }
        catch (Exception e)
        {
            var failure = ArchiveFailure.From(e);
            metrics.Failed(failure, Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (failure.Reason == "segment_gone")
            {
                backlog.Archived(segment);
                _retries.TryRemove(segment.Name, out _);
                LogGone(logger, segment.Name);
                return true;
            }

            var failures = (retry ? previous.Failures : 0) + 1;
            var delay = _backoff.Delay(failure.StoreWide ? Interlocked.Increment(ref _storeFailures) : failures);
            _retries[segment.Name] = (failures, DateTimeOffset.UtcNow + delay);
            if (failure.StoreWide)
            {
                StorePausedUntil = DateTimeOffset.UtcNow + delay;
            }

            LogFailed(logger, segment.Name, _options.Bucket!, archiver.KeyOf(segment), failure.Reason, failure.Message, failures, delay.TotalMilliseconds);
            return !failure.StoreWide;
        }
        finally
        {
            liveness.Beat();
        }
    }

    private async Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var pausedUntil = StorePausedUntil;
        if (now < pausedUntil)
        {
            // Paused after a store failure: new segments do not shorten the backoff.
            await Task.Delay(pausedUntil - now, cancellationToken);
            return;
        }

        var wait = _options.PollInterval;
        foreach (var (_, (_, notBefore)) in _retries)
        {
            var until = notBefore - now;
            if (until < wait)
            {
                wait = until > TimeSpan.Zero ? until : TimeSpan.Zero;
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        try
        {
            await _wake.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Poll interval or a retry is due.
        }
    }

    private FileSystemWatcher? WatchDirectory()
    {
        try
        {
            var watcher = new FileSystemWatcher(_options.Directory!, Segment.ClosedPattern) { NotifyFilter = NotifyFilters.FileName };
            watcher.Renamed += (_, _) => _wake.Writer.TryWrite(true);
            watcher.Created += (_, _) => _wake.Writer.TryWrite(true);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // No inotify (limits reached, some network file systems): the poll interval still finds every segment.
            LogNoWatcher(logger, e.Message, _options.PollInterval.TotalSeconds);
            return null;
        }
    }

    /// <summary>Staged copies of a run that crashed are of no use: the segments they came from are still in the queue.</summary>
    private void PrepareWorkDirectory()
    {
        var work = Directory.CreateDirectory(_options.ResolvedWorkDirectory);
        foreach (var partial in work.EnumerateFiles("*.gz.partial"))
        {
            partial.Delete();
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Archiving closed segments of {Directory} to s3://{Bucket} as {KeyTemplate}")]
    private static partial void LogStarted(ILogger logger, string directory, string bucket, string keyTemplate);

    [LoggerMessage(2, LogLevel.Information, "Archived {Segment} to s3://{Bucket}/{Key}: {Lines} lines, {BytesIn} bytes in, {BytesOut} bytes out, already present: {AlreadyPresent}, {DurationMs} ms")]
    private static partial void LogArchived(ILogger logger, string segment, string bucket, string key, long lines, long bytesIn, long bytesOut, bool alreadyPresent, double durationMs);

    [LoggerMessage(3, LogLevel.Warning, "Archiving {Segment} to s3://{Bucket}/{Key} failed ({Reason}: {Error}); attempt {Attempt}, next try in {RetryInMs} ms; the segment stays on disk")]
    private static partial void LogFailed(ILogger logger, string segment, string bucket, string key, string reason, string error, int attempt, double retryInMs);

    [LoggerMessage(4, LogLevel.Warning, "Segment {Segment} disappeared before it was archived")]
    private static partial void LogGone(ILogger logger, string segment);

    [LoggerMessage(5, LogLevel.Information, "Stopping: archiving what is left ({Segments} segments known) within {BudgetMs} ms")]
    private static partial void LogDraining(ILogger logger, int segments, double budgetMs);

    [LoggerMessage(6, LogLevel.Information, "Stopped: every closed segment is archived")]
    private static partial void LogDrained(ILogger logger);

    [LoggerMessage(7, LogLevel.Warning, "Stopped with {Segments} segments ({Bytes} bytes) not archived; they stay on disk for the next start")]
    private static partial void LogLeftBehind(ILogger logger, int segments, long bytes);

    [LoggerMessage(9, LogLevel.Warning, "Closed {Count} open segment(s) whose writer is gone (it crashed or was killed); archiving them")]
    private static partial void LogOrphans(ILogger logger, int count);

    [LoggerMessage(8, LogLevel.Warning, "Cannot watch the directory ({Error}); scanning it every {PollSeconds} s instead")]
    private static partial void LogNoWatcher(ILogger logger, string error, double pollSeconds);
}
