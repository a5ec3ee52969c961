using Microsoft.Extensions.Options;
using Shipshape.Echo.Hosting;

namespace Shipshape.Echo.Logging;

public static class LoggingExtensions
{
    /// <summary>Every log line, access log and framework alike, goes through one sink that owns stdout.</summary>
    public static WebApplicationBuilder AddEchoLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(services =>
            new LogSink(Console.OpenStandardOutput(), services.GetRequiredService<IOptions<EchoOptions>>().Value.LogBufferBytes)
                .FlushOnProcessExit());
        builder.Services.AddSingleton(services =>
            new SensitiveKeyMask(services.GetRequiredService<IOptions<EchoOptions>>().Value.EffectiveSensitiveKeys));
        builder.Services.AddSingleton<ILoggerProvider, JsonLineLoggerProvider>();
        return builder;
    }

    /// <summary>One access-log line for every request under <paramref name="pathPrefix"/>.</summary>
    public static IApplicationBuilder UseAccessLog(this IApplicationBuilder app, PathString pathPrefix) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(pathPrefix), branch => branch.UseMiddleware<AccessLogMiddleware>());
}
