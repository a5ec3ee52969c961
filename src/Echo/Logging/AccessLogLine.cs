using System.Diagnostics;
using System.Text.Json;
using Shipshape.Echo.Api;
using Shipshape.ServiceDefaults.Logging;

namespace Shipshape.Echo.Logging;

/// <summary>The one JSON line written for each request: what was asked, by which request, and how it was answered.</summary>
public static class AccessLogLine
{
    private const int MaxLoggedRawQueryChars = 1024;

    public static ReadOnlyMemory<byte> Create(HttpContext context, long startTimestamp, SensitiveKeyMask mask, bool failed)
    {
        var request = context.Request;
        var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
        var writer = LogLineBuilder.Start();
        writer.WriteStartObject();
        writer.WriteString("timestamp"u8, DateTime.UtcNow);
        writer.WriteString("level"u8, status >= 500 ? "Error"u8 : status >= 400 ? "Warning"u8 : "Information"u8);
        writer.WriteString("message"u8, "request answered"u8);
        writer.WriteString("requestId"u8, context.TraceIdentifier);
        WriteTraceId(writer, context);
        writer.WriteString("method"u8, request.Method);
        writer.WriteString("path"u8, request.Path.Value);
        writer.WriteNumber("status"u8, status);
        writer.WriteNumber("durationMs"u8, Math.Round(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, 3));
        writer.WritePropertyName("query"u8);
        if (context.Features.Get<EchoQuery>() is { } query)
        {
            QueryJson.WriteObject(writer, query, mask);
        }
        else
        {
            // Refused or unrouted: the query was not understood, so keep a bounded, escaped copy of what came.
            writer.WriteNullValue();
            WriteRawQuery(writer, request.QueryString.Value);
        }

        writer.WriteEndObject();
        return LogLineBuilder.Finish(writer);
    }

    private static void WriteTraceId(Utf8JsonWriter writer, HttpContext context)
    {
        var traceId = Activity.Current?.TraceId
            ?? (ActivityContext.TryParse(context.Request.Headers.TraceParent, null, out var parent)
                ? parent.TraceId
                : ActivityTraceId.CreateRandom());
        Span<byte> bytes = stackalloc byte[16];
        Span<char> hex = stackalloc char[32];
        traceId.CopyTo(bytes);
        Convert.TryToHexStringLower(bytes, hex, out _);
        writer.WriteString("traceId"u8, hex);
    }

    private static void WriteRawQuery(Utf8JsonWriter writer, string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return;
        }

        writer.WriteString("rawQuery"u8, raw.AsSpan(0, Math.Min(raw.Length, MaxLoggedRawQueryChars)));
        writer.WriteNumber("rawQueryLength"u8, raw.Length);
    }
}
