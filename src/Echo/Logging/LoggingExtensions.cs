using Microsoft.Extensions.Options;
using Shipshape.Echo.Hosting;
using Shipshape.ServiceDefaults.Logging;

namespace Shipshape.Echo.Logging;

public static class LoggingExtensions
{
    /// <summary>Segment files are named echo-&lt;UTC start&gt;-&lt;pid&gt;-&lt;seq&gt;.log (.active while open).</summary>
    public const string FileLogPrefix = "echo";

    /// <summary>Every log line, access log and framework alike, goes through one sink that owns stdout.</summary>
    public static WebApplicationBuilder AddEchoLogging(this WebApplicationBuilder builder)
    {
        builder.AddJsonLineLogging(
            services => services.GetRequiredService<IOptions<EchoOptions>>().Value.LogBufferBytes,
            services => services.GetRequiredService<IOptions<FileLogOptions>>().Value is { Enabled: true } file
                ? new SegmentWriter(file, FileLogPrefix)
                : null);
        builder.Services.AddSingleton(services =>
            new SensitiveKeyMask(services.GetRequiredService<IOptions<EchoOptions>>().Value.EffectiveSensitiveKeys));
        return builder;
    }

    /// <summary>One access-log line for every request under <paramref name="pathPrefix"/>.</summary>
    public static IApplicationBuilder UseAccessLog(this IApplicationBuilder app, PathString pathPrefix) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(pathPrefix), branch => branch.UseMiddleware<AccessLogMiddleware>());
}
