using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shipshape.ServiceDefaults.Logging;

public static class JsonLineLoggingExtensions
{
    /// <summary>
    /// Every log line is one JSON object on stdout, written through one <see cref="LogSink"/> that owns stdout:
    /// requests never wait on the console, and nothing buffered is lost on exit. <paramref name="bufferBytes"/> sizes its buffers.
    /// </summary>
    public static WebApplicationBuilder AddJsonLineLogging(this WebApplicationBuilder builder, Func<IServiceProvider, int> bufferBytes) =>
        builder.AddJsonLineLogging(bufferBytes, _ => null);

    /// <summary>
    /// As above, and when <paramref name="file"/> gives a <see cref="SegmentWriter"/>, the same lines also go to its
    /// segment files; the open segment is closed when the sink is disposed (graceful stop) or the process exits.
    /// </summary>
    public static WebApplicationBuilder AddJsonLineLogging(
        this WebApplicationBuilder builder, Func<IServiceProvider, int> bufferBytes, Func<IServiceProvider, SegmentWriter?> file)
    {
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(services =>
            new LogSink(Console.OpenStandardOutput(), bufferBytes(services), file(services)).FlushOnProcessExit());
        builder.Services.AddSingleton<ILoggerProvider, JsonLineLoggerProvider>();
        return builder;
    }
}
