using System.Threading.Channels;

namespace Shipshape.Echo.Logging;

/// <summary>
/// The one owner of stdout. Lines wait in a bounded queue that a dedicated thread writes out in batches;
/// when the queue is full, writers wait (backpressure): a line is never dropped for lack of room.
/// Disposing drains the queue and flushes, so a graceful stop loses nothing.
/// </summary>
public sealed class LogSink : IDisposable
{
    private const int BatchBytes = 64 * 1024;

    /// <summary>
    /// After writing a small batch the writer pauses this long before looking again, so that under load lines
    /// are written many per system call and producers rarely have to wake it. A line waits at most about this long.
    /// </summary>
    private static readonly TimeSpan CoalesceDelay = TimeSpan.FromMilliseconds(1);
    private const int SmallBatchLines = 64;

    private readonly Channel<LogLine> _queue;
    private readonly Stream _output;
    private readonly Thread _writer;
    private readonly Lock _outputLock = new();
    private readonly byte[] _batch = new byte[BatchBytes];
    private int _batchLength;
    private int _batchLines;
    private long _written;
    private long _dropped;
    private int _disposed;

    public LogSink(Stream output, int capacity)
    {
        _output = output;
        _queue = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "log-writer" };
        _writer.Start();
    }

    public long LinesWritten => Interlocked.Read(ref _written);

    /// <summary>Lines accepted but not written because stdout failed. Stays 0 while stdout works.</summary>
    public long LinesDropped => Interlocked.Read(ref _dropped);

    public int QueueLength => _queue.Reader.Count;

    /// <summary>Queues a line, waiting for room when the queue is full. Takes ownership of the line's buffer.</summary>
    public ValueTask WriteAsync(LogLine line) =>
        _queue.Writer.TryWrite(line) ? ValueTask.CompletedTask : WriteSlowAsync(line);

    /// <summary>Synchronous <see cref="WriteAsync"/> for callers that cannot await (loggers); blocks while the queue is full.</summary>
    public void Write(LogLine line)
    {
        if (!_queue.Writer.TryWrite(line))
        {
            WriteSlowAsync(line).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Drains the queue also when the process ends without a graceful stop (an unhandled exception, exit()).</summary>
    public LogSink FlushOnProcessExit()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => Dispose();
        return this;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _writer.Join();
    }

    private async ValueTask WriteSlowAsync(LogLine line)
    {
        try
        {
            await _queue.Writer.WriteAsync(line);
        }
        catch (ChannelClosedException)
        {
            // Shutting down: the writer thread is gone or going; write this late line ourselves.
            lock (_outputLock)
            {
                Append(line);
                FlushBatch();
            }
        }
    }

    private void WriteLoop()
    {
        var reader = _queue.Reader;
        while (WaitToRead(reader))
        {
            var lines = 0;
            lock (_outputLock)
            {
                while (reader.TryRead(out var line))
                {
                    if (_batchLength + line.Length > BatchBytes)
                    {
                        FlushBatch();
                    }

                    Append(line);
                    lines++;
                }

                FlushBatch();
            }

            if (lines < SmallBatchLines)
            {
                Thread.Sleep(CoalesceDelay);
            }
        }
    }

    private static bool WaitToRead(ChannelReader<LogLine> reader)
    {
        var wait = reader.WaitToReadAsync();
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void Append(LogLine line)
    {
        try
        {
            if (line.Length > BatchBytes)
            {
                FlushBatch();
                WriteOut(line.Span, 1);
            }
            else
            {
                line.Span.CopyTo(_batch.AsSpan(_batchLength));
                _batchLength += line.Length;
                _batchLines++;
            }
        }
        finally
        {
            line.Return();
        }
    }

    private void FlushBatch()
    {
        if (_batchLines == 0)
        {
            return;
        }

        WriteOut(_batch.AsSpan(0, _batchLength), _batchLines);
        _batchLength = 0;
        _batchLines = 0;
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
    }
}
