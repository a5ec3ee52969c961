using Amazon.S3;
using OpenTelemetry.Metrics;
using Shipshape.LogArchiver.Archiving;
using Shipshape.LogArchiver.Metrics;
using Shipshape.ServiceDefaults.Health;
using Shipshape.ServiceDefaults.Logging;
using Shipshape.ServiceDefaults.Metrics;
using Shipshape.ServiceDefaults.Telemetry;

namespace Shipshape.LogArchiver.Hosting;

public static class ArchiverServiceExtensions
{
    private const int LogBufferBytes = 64 * 1024;

    public static WebApplicationBuilder AddLogArchiver(this WebApplicationBuilder builder, ArchiverSettings settings)
    {
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton<IAmazonS3>(_ => S3ClientFactory.Create(settings.S3));
        services.AddSingleton(new Backlog(settings.Archive.Directory!));
        services.AddSingleton<SegmentArchiver>();
        services.AddSingleton<ArchiverMetrics>();
        services.AddSingleton(new ArchiveLoopHealthCheck(StallAfter(settings)));
        services.AddHostedService<ArchiveWorker>();

        builder.AddJsonLineLogging(_ => LogBufferBytes);
        builder.AddServiceTelemetry();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        services.AddServiceHealth(_ => settings.Archive.Shutdown);
        services.AddHealthChecks().AddCheck<ArchiveLoopHealthCheck>("archive-loop", tags: [HealthEndpoints.LiveTag]);
        services.AddServiceMetrics([ArchiverMetrics.MeterName], httpServer: false);
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddView(ArchiverMetrics.DurationHistogram,
            new ExplicitBucketHistogramConfiguration { Boundaries = ArchiverMetrics.DurationBuckets }));
        return builder;
    }

    /// <summary>Longer than the slowest healthy cycle: a full backoff plus a segment's three requests timing out, and a margin.</summary>
    private static TimeSpan StallAfter(ArchiverSettings settings) =>
        (settings.Archive.PollInterval > settings.Archive.RetryMaxDelay ? settings.Archive.PollInterval : settings.Archive.RetryMaxDelay)
        + (4 * settings.S3.Timeout) + TimeSpan.FromMinutes(1);
}
