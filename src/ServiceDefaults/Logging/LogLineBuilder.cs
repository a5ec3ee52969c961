using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Shipshape.ServiceDefaults.Logging;

/// <summary>
/// Builds one JSON log line in a per-thread buffer. The default encoder escapes every control and non-ASCII
/// character, so whatever a client sends, a line stays one line of plain ASCII.
/// </summary>
public static class LogLineBuilder
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Default, SkipValidation = true };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Starts a line; write one JSON object, then call <see cref="Finish"/> on the same thread with no await between.</summary>
    public static Utf8JsonWriter Start()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Options);
        writer.Reset(buffer);
        return writer;
    }

    /// <summary>Ends the line with a newline. The bytes stay valid until the next <see cref="Start"/> on this thread.</summary>
    public static ReadOnlyMemory<byte> Finish(Utf8JsonWriter writer)
    {
        writer.Flush();
        var buffer = t_buffer!;
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        return buffer.WrittenMemory;
    }
}
