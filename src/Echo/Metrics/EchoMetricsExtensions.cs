using OpenTelemetry.Metrics;

namespace Shipshape.Echo.Metrics;

public static class MetricsExtensions
{
    // Finer than the framework's default buckets: our latency goal is p99 <= 3 ms.
    private static readonly double[] DurationBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public static IServiceCollection AddEchoMetrics(this IServiceCollection services)
    {
        services.AddSingleton<LogMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(
                "Microsoft.AspNetCore.Hosting",  // http.server.request.duration by route and status, active requests
                "Microsoft.AspNetCore.Server.Kestrel",
                "System.Runtime",                // GC, JIT, thread pool, process CPU and memory
                LogMetrics.MeterName)
            .AddView("http.server.request.duration", new ExplicitBucketHistogramConfiguration { Boundaries = DurationBuckets })
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>/metrics in the Prometheus text format.</summary>
    public static void MapMetricsEndpoint(this IEndpointRouteBuilder app, string[] hosts)
    {
        // Instantiate the observable instruments before the first scrape.
        app.ServiceProvider.GetRequiredService<LogMetrics>();
        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
        if (hosts.Length > 0)
        {
            endpoint.RequireHost(hosts);
        }
    }
}
