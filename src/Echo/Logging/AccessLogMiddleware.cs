using System.Diagnostics;
using Shipshape.ServiceDefaults.Logging;

namespace Shipshape.Echo.Logging;

/// <summary>Writes exactly one line per request, after the answer is decided and before it completes.</summary>
public sealed class AccessLogMiddleware(RequestDelegate next, LogSink sink, SensitiveKeyMask mask)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            await next(context);
            failed = false;
        }
        finally
        {
            await sink.WriteAsync(AccessLogLine.Create(context, start, mask, failed));
        }
    }
}
