using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Shipshape.Echo.Api;

/// <summary>The 200 answer of <c>/api</c>: <c>{"query": {...}}</c> with a Content-Length, so HEAD gets the same headers.</summary>
public sealed class EchoQueryResult(EchoQuery query) : IResult
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Responses are UTF-8 JSON for API clients, not HTML: keep non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public EchoQuery Query => query;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("query"u8);
            QueryJson.WriteObject(writer, query);
            writer.WriteEndObject();
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        // Kestrel discards the body of a HEAD response itself; the headers stay identical to GET.
        return response.Body.WriteAsync(buffer.WrittenMemory).AsTask();
    }
}
