// The framework's own ceiling for bench/echo: Echo's /api answer with no logging, no metrics, no limits.
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false); // same headers as Echo
var app = builder.Build();
var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

app.MapGet("/readyz", static (HttpContext context) => Task.CompletedTask);
app.MapGet("/api", (HttpContext context) =>
{
    var buffer = new ArrayBufferWriter<byte>(256);
    using (var writer = new Utf8JsonWriter(buffer, options))
    {
        writer.WriteStartObject();
        writer.WriteStartObject("query"u8);
        foreach (var (key, values) in context.Request.Query)
        {
            writer.WriteStartArray(key);
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    context.Response.ContentType = "application/json; charset=utf-8";
    context.Response.ContentLength = buffer.WrittenCount;
    return context.Response.Body.WriteAsync(buffer.WrittenMemory).AsTask();
});

app.Run();
