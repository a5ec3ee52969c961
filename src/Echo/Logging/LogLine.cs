using System.Buffers;

namespace Shipshape.Echo.Logging;

/// <summary>One complete UTF-8 log line, newline included, in a buffer rented from the shared pool.</summary>
public readonly record struct LogLine(byte[] Buffer, int Length)
{
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
}
