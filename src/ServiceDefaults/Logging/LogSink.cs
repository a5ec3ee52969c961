namespace Shipshape.ServiceDefaults.Logging;

/// <summary>
/// The one owner of stdout. Writers copy each complete line into the active buffer under a short lock; a
/// dedicated thread swaps it for the spare one and writes it out in one call. When the active buffer is
/// full, writers wait for room (backpressure): a line is never dropped for lack of room, and never split.
/// Disposing writes out what is buffered, so a graceful stop loses nothing. With a <see cref="SegmentWriter"/>, each
/// batch is also written to the segment files, the same bytes in the same order, and disposing closes the open segment.
/// </summary>
public sealed class LogSink : IDisposable
{
    /// <summary>
    /// After writing a small batch the writer pauses this long before looking again, so that under load many
    /// lines go out per system call and writers rarely have to wake it. A line waits at most about this long.
    /// </summary>
    private static readonly TimeSpan CoalesceDelay = TimeSpan.FromMilliseconds(1);
    private const int SmallBatchBytes = 16 * 1024;

    /// <summary>Longest single wait for a file deadline (a long segment age is waited for in steps).</summary>
    private static readonly TimeSpan MaxIdleWait = TimeSpan.FromMinutes(1);

    private readonly Stream _output;
    private readonly SegmentWriter? _file;
    private readonly Thread _writer;
    private readonly object _gate = new();
    private byte[] _active;
    private byte[] _spare;
    private int _activeLength;
    private int _activeLines;
    private bool _writerWaiting;
    private bool _completed;
    private bool _writerExited;
    private TaskCompletionSource? _roomFreed;
    private long _written;
    private long _dropped;
    private long _fileDropped;

    public LogSink(Stream output, int bufferBytes, SegmentWriter? file = null)
    {
        _output = output;
        _file = file;
        _active = new byte[bufferBytes];
        _spare = new byte[bufferBytes];
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "log-writer" };
        _writer.Start();
    }

    public long LinesWritten => Interlocked.Read(ref _written);

    /// <summary>Lines accepted but not written because stdout failed. Stays 0 while stdout works.</summary>
    public long LinesDropped => Interlocked.Read(ref _dropped);

    /// <summary>Lines not written to the segment files because the file system failed. Stays 0 while it works.</summary>
    public long FileLinesDropped => Interlocked.Read(ref _fileDropped);

    /// <summary>The file copy of the log, when configured.</summary>
    public SegmentWriter? File => _file;

    public int BufferedBytes => Volatile.Read(ref _activeLength);

    /// <summary>Buffers one complete line (newline included) if there is room now; false when the buffer is full.</summary>
    public bool TryWrite(ReadOnlySpan<byte> line)
    {
        lock (_gate)
        {
            if (_writerExited)
            {
                // After shutdown: the writer thread is gone; write this late line ourselves, in order, under the gate.
                WriteOut(line, 1);
                return true;
            }

            if (_activeLength + line.Length > _active.Length)
            {
                if (_activeLength > 0)
                {
                    return false;
                }

                Array.Resize(ref _active, line.Length); // a single line larger than the buffer: make room for it
            }

            line.CopyTo(_active.AsSpan(_activeLength));
            _activeLength += line.Length;
            _activeLines++;
            if (_writerWaiting)
            {
                _writerWaiting = false;
                Monitor.Pulse(_gate);
            }

            return true;
        }
    }

    /// <summary>Buffers a line, waiting for room when the buffer is full. The caller may reuse <paramref name="line"/> at once.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> line) =>
        TryWrite(line.Span) ? ValueTask.CompletedTask : WriteWhenRoomAsync(line.ToArray());

    /// <summary>Synchronous <see cref="WriteAsync"/> for callers that cannot await (loggers); blocks while the buffer is full.</summary>
    public void Write(ReadOnlySpan<byte> line)
    {
        while (!TryWrite(line))
        {
            RoomFreed().Wait();
        }
    }

    /// <summary>Writes out what is buffered also when the process ends without a graceful stop (an unhandled exception, exit()).</summary>
    public LogSink FlushOnProcessExit()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => Dispose();
        return this;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            Monitor.Pulse(_gate);
        }

        _writer.Join();
        lock (_gate)
        {
            // Late lines are written under the gate: none can reach the file while its segment is closed.
            try
            {
                _file?.Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"log: closing the log segment failed: {e.Message}");
            }
        }
    }

    private async ValueTask WriteWhenRoomAsync(byte[] line)
    {
        while (!TryWrite(line))
        {
            await RoomFreed();
        }
    }

    private Task RoomFreed()
    {
        lock (_gate)
        {
            return _activeLength == 0 || _writerExited
                ? Task.CompletedTask
                : (_roomFreed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    private void WriteLoop()
    {
        while (true)
        {
            byte[] batch;
            int length, lines;
            TaskCompletionSource? roomFreed;
            var tick = false;
            lock (_gate)
            {
                while (_activeLength == 0)
                {
                    if (_completed)
                    {
                        _writerExited = true;
                        _roomFreed?.TrySetResult();
                        return;
                    }

                    // Idle: wake for new lines, or when the file copy has bytes or a segment age falling due.
                    var due = _file?.TimeUntilDue();
                    if (due <= TimeSpan.Zero)
                    {
                        tick = true;
                        break;
                    }

                    _writerWaiting = true;
                    if (due is { } timeout)
                    {
                        Monitor.Wait(_gate, timeout < MaxIdleWait ? timeout : MaxIdleWait);
                    }
                    else
                    {
                        Monitor.Wait(_gate);
                    }

                    _writerWaiting = false;
                }

                if (tick)
                {
                    (batch, length, lines, roomFreed) = (_spare, 0, 0, null);
                }
                else
                {
                    (batch, length, lines) = (_active, _activeLength, _activeLines);
                    (_active, _activeLength, _activeLines) = (_spare, 0, 0);
                    (roomFreed, _roomFreed) = (_roomFreed, null);
                }
            }

            if (tick)
            {
                TickFile();
                continue;
            }

            roomFreed?.TrySetResult();
            WriteOut(batch.AsSpan(0, length), lines);
            _spare = batch;
            if (length < SmallBatchBytes && !Volatile.Read(ref _completed))
            {
                Thread.Sleep(CoalesceDelay);
            }
        }
    }

    private void WriteOut(ReadOnlySpan<byte> bytes, int lines)
    {
        try
        {
            _output.Write(bytes);
            _output.Flush();
            Interlocked.Add(ref _written, lines);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            if (Interlocked.Add(ref _dropped, lines) == lines)
            {
                Console.Error.WriteLine($"log: stdout failed, lines are being dropped: {e.Message}");
            }
        }

        if (_file is null)
        {
            return;
        }

        try
        {
            _file.Write(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            FileFailed(e, lines);
        }
    }

    private void TickFile()
    {
        try
        {
            _file!.Tick();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            FileFailed(e, 0);
        }
    }

    private void FileFailed(Exception e, int lines)
    {
        if (Interlocked.Add(ref _fileDropped, lines) == lines)
        {
            Console.Error.WriteLine($"log: writing the log file failed, lines are missing from it: {e.Message}");
        }
    }
}
