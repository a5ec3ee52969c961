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
    public static WebApplicationBuilder AddJsonLineLogging(this WebApplicationBuilder builder, Func<IServiceProvider, int> bufferBytes)
    {
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(services => new LogSink(Console.OpenStandardOutput(), bufferBytes(services)).FlushOnProcessExit());
        builder.Services.AddSingleton<ILoggerProvider, JsonLineLoggerProvider>();
        return builder;
    }
}
