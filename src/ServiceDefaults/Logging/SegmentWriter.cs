using System.Globalization;

namespace Shipshape.ServiceDefaults.Logging;

/// <summary>
/// Writes whole log lines to size- (and optionally age-) limited segment files, for an archiver to pick up.
/// The open segment is named <c>&lt;prefix&gt;-&lt;UTC start&gt;-&lt;pid&gt;-&lt;seq&gt;.log.active</c>; it is rotated by this
/// writer itself, only between lines: flushed, fsynced, closed and only then renamed to its closed name (the same
/// without <c>.active</c>), which sorts by time and cannot collide. Nothing is ever written to a renamed file.
/// A <c>.active</c> file left by a crash is closed as-is (renamed) when the next writer starts, never appended to; the
/// open segment carries a shared file lock so that others (the next writer, the archiver) can tell a dead writer's file.
/// Each call takes a lock; <see cref="LogSink"/> calls it from its writer thread (and, after shutdown, under its gate).
/// </summary>
public sealed class SegmentWriter : IDisposable
{
    public const string ClosedExtension = ".log";
    public const string ActiveSuffix = ".active";

    /// <summary>How a segment's name spells its start (UTC), so that names sort by time and an archiver can read it back.</summary>
    public const string StartFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    /// <summary>Lines buffered in the process (with a positive flush interval) are written out once this many bytes wait.</summary>
    private const int PendingLimit = 256 * 1024;

    private readonly object _gate = new();
    private readonly string _directory;
    private readonly string _prefix;
    private readonly long _maxBytes;
    private readonly TimeSpan _maxAge;
    private readonly TimeSpan _flushInterval;
    private readonly TimeProvider _time;
    private readonly MemoryStream _pending = new();
    private FileStream? _file;
    private string? _activePath;
    private DateTimeOffset _openedAt;
    private DateTimeOffset _lastStart;
    private DateTimeOffset? _flushDue;
    private long _length;
    private long _sequence;
    private long _segmentsClosed;
    private bool _disposed;

    public SegmentWriter(FileLogOptions options, string prefix, TimeProvider? time = null)
    {
        _directory = options.Directory ?? throw new ArgumentException("FileLog:Directory is not set", nameof(options));
        _prefix = prefix;
        _maxBytes = options.MaxSegmentBytes;
        _maxAge = options.MaxSegmentAge;
        _flushInterval = options.FlushInterval;
        _time = time ?? TimeProvider.System;
        SegmentsRecovered = CloseLeftovers();
    }

    /// <summary>Segments closed (renamed to their final name) by this writer.</summary>
    public long SegmentsClosed => Interlocked.Read(ref _segmentsClosed);

    /// <summary><c>.active</c> files of an earlier run found at start and closed as they were.</summary>
    public int SegmentsRecovered { get; }

    /// <summary>The path of the open segment, or null when none is open.</summary>
    public string? ActivePath
    {
        get
        {
            lock (_gate)
            {
                return _activePath;
            }
        }
    }

    /// <summary>The closed name of an active path: the same without <c>.active</c>.</summary>
    public static string ClosedPath(string activePath) => activePath[..^ActiveSuffix.Length];

    /// <summary>
    /// Writes a batch of whole lines (each ending in '\n'). With a zero flush interval the bytes are handed to
    /// the operating system before this returns. On an I/O error the segment is closed and the error thrown.
    /// </summary>
    public void Write(ReadOnlySpan<byte> lines)
    {
        lock (_gate)
        {
            try
            {
                var now = _time.GetUtcNow();
                if (_file is not null && _maxAge > TimeSpan.Zero && now - _openedAt >= _maxAge)
                {
                    CloseSegment();
                }

                while (!lines.IsEmpty)
                {
                    var take = TakeForThisSegment(lines);
                    if (take == 0)
                    {
                        CloseSegment();
                        continue;
                    }

                    Append(lines[..take], now);
                    lines = lines[take..];
                }

                if (_flushInterval <= TimeSpan.Zero || _pending.Length >= PendingLimit || _flushDue <= now)
                {
                    WritePending();
                }
                else if (_pending.Length > 0)
                {
                    _flushDue ??= now + _flushInterval;
                }

                if (_disposed)
                {
                    // A line after shutdown: its own segment, closed at once, so none is left open.
                    CloseSegment();
                }
            }
            catch (IOException)
            {
                Abandon();
                throw;
            }
        }
    }

    /// <summary>How long until <see cref="Tick"/> has work (pending bytes due, or the open segment too old); null when none.</summary>
    public TimeSpan? TimeUntilDue()
    {
        lock (_gate)
        {
            DateTimeOffset? due = _flushDue;
            if (_file is not null && _maxAge > TimeSpan.Zero && (due is null || _openedAt + _maxAge < due))
            {
                due = _openedAt + _maxAge;
            }

            return due is { } d ? Max(d - _time.GetUtcNow(), TimeSpan.Zero) : null;
        }
    }

    /// <summary>Writes out pending bytes that are due and closes a segment past its age, with no new lines needed.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            try
            {
                var now = _time.GetUtcNow();
                if (_flushDue <= now)
                {
                    WritePending();
                }

                if (_file is not null && _maxAge > TimeSpan.Zero && now - _openedAt >= _maxAge)
                {
                    CloseSegment();
                }
            }
            catch (IOException)
            {
                Abandon();
                throw;
            }
        }
    }

    /// <summary>Closes the open segment (flushed, fsynced, renamed). Lines written later get a segment each, closed at once.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            CloseSegment();
        }
    }

    private int TakeForThisSegment(ReadOnlySpan<byte> lines)
    {
        var room = _maxBytes - _length;
        if (lines.Length <= room)
        {
            return lines.Length;
        }

        // The whole lines that fit.
        var fit = room > 0 ? lines[..(int)room].LastIndexOf((byte)'\n') + 1 : 0;
        if (fit > 0 || _length > 0)
        {
            return fit;
        }

        // A line longer than a segment, in an empty segment: it is written whole.
        var end = lines.IndexOf((byte)'\n') + 1;
        return end == 0 ? lines.Length : end;
    }

    private void Append(ReadOnlySpan<byte> bytes, DateTimeOffset now)
    {
        if (_file is null)
        {
            Open(now);
        }

        if (_flushInterval <= TimeSpan.Zero)
        {
            _file!.Write(bytes);
        }
        else
        {
            _pending.Write(bytes);
        }

        _length += bytes.Length;
    }

    private void Open(DateTimeOffset now)
    {
        // Names sort by start time even if the clock steps back; the sequence keeps them apart within a millisecond.
        var start = now > _lastStart ? now : _lastStart;
        _lastStart = start;
        while (true)
        {
            var name = string.Create(CultureInfo.InvariantCulture,
                $"{_prefix}-{start.UtcDateTime.ToString(StartFormat, CultureInfo.InvariantCulture)}-{Environment.ProcessId}-{_sequence++:D10}{ClosedExtension}");
            var path = Path.Combine(_directory, name);
            if (File.Exists(path))
            {
                continue;
            }

            try
            {
                _file = new FileStream(path + ActiveSuffix, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    Share = FileShare.Read,
                    BufferSize = 0, // no hidden buffer: only whole batches reach the file
                });
            }
            catch (IOException) when (File.Exists(path + ActiveSuffix))
            {
                continue;
            }

            _activePath = path + ActiveSuffix;
            _openedAt = now;
            _length = 0;
            return;
        }
    }

    private void WritePending()
    {
        if (_pending.Length > 0 && _file is not null)
        {
            _file.Write(_pending.GetBuffer().AsSpan(0, (int)_pending.Length));
        }

        _pending.SetLength(0);
        _flushDue = null;
    }

    private void CloseSegment()
    {
        if (_file is null)
        {
            return;
        }

        WritePending();
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        _file = null;
        File.Move(_activePath!, ClosedPath(_activePath!));
        _activePath = null;
        _length = 0;
        Interlocked.Increment(ref _segmentsClosed);
    }

    /// <summary>After an I/O error: drop what waits, close and rename what was written (best effort); the next write opens a new segment.</summary>
    private void Abandon()
    {
        _pending.SetLength(0);
        _flushDue = null;
        if (_file is null)
        {
            return;
        }

        try
        {
            _file.Dispose();
            File.Move(_activePath!, ClosedPath(_activePath!));
            Interlocked.Increment(ref _segmentsClosed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The file stays .active; the next start closes it.
        }

        _file = null;
        _activePath = null;
        _length = 0;
    }

    /// <summary>Segments of this writer's prefix whose writer is gone (see <see cref="OrphanedSegments"/>); live writers sharing the directory keep theirs.</summary>
    private int CloseLeftovers() => OrphanedSegments.Close(_directory, $"{_prefix}-*{ClosedExtension}{ActiveSuffix}", _time);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
