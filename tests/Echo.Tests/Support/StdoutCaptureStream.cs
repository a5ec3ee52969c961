using System.Text;

namespace Shipshape.Echo.Tests.Support;

/// <summary>A stand-in for stdout that keeps every byte written, and can be made slow or broken.</summary>
public sealed class StdoutCaptureStream : Stream
{
    private readonly MemoryStream _bytes = new();
    private readonly Lock _lock = new();

    /// <summary>While reset, writes block: a stdout nobody reads.</summary>
    public ManualResetEventSlim Open { get; } = new(true);

    public bool Broken { get; set; }

    public int WriteCalls { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public string[] Lines()
    {
        lock (_lock)
        {
            return Encoding.UTF8.GetString(_bytes.GetBuffer(), 0, (int)_bytes.Length)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    public async Task<string[]> WaitForLinesAsync(Func<string[], bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var lines = Lines();
            if (done(lines) || DateTime.UtcNow > deadline)
            {
                return lines;
            }

            await Task.Delay(10);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Open.Wait();
        if (Broken)
        {
            throw new IOException("Broken pipe");
        }

        lock (_lock)
        {
            WriteCalls++;
            _bytes.Write(buffer);
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
