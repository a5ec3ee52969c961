using System.Buffers;
using System.Text.Unicode;

namespace Shipshape.Admission.Reviews;

/// <summary>
/// A request body read whole into a pooled buffer, refused past the size limit and unless it is valid UTF-8
/// (System.Text.Json only checks the UTF-8 inside strings when they are read, which would be too late).
/// </summary>
public sealed class RequestBody : IDisposable
{
    private const int FirstBufferBytes = 16 * 1024;

    private byte[] _buffer;
    private int _length;

    private RequestBody(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    public static async Task<RequestBody> ReadAsync(Stream stream, long? contentLength, long limit, CancellationToken cancellationToken)
    {
        var body = new RequestBody((int)Math.Clamp(contentLength ?? FirstBufferBytes, 1, limit + 1));
        try
        {
            while (true)
            {
                if (body._length == body._buffer.Length)
                {
                    body.Grow(limit);
                }
                var read = await stream.ReadAsync(body._buffer.AsMemory(body._length), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                body._length += read;
                if (body._length > limit)
                {
                    throw ValidateEndpoint.TooLarge(limit);
                }
            }
            if (!Utf8.IsValid(body.Memory.Span))
            {
                throw ReviewRefusedException.BadRequest("malformed_json", "the body is not valid UTF-8 (JSON must be UTF-8)");
            }
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Grow(long limit)
    {
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, limit + 1));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
