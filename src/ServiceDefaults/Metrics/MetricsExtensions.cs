using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Shipshape.ServiceDefaults.Metrics;

public static class MetricsExtensions
{
    public const string Path = "/metrics";

    // Finer than the framework's default buckets: our latency goals are p99 <= 3 ms.
    private static readonly double[] DurationBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>
    /// OpenTelemetry metrics in the Prometheus format: HTTP server (duration by route and status, active requests) unless
    /// <paramref name="httpServer"/> is false, Kestrel, runtime (GC, JIT, thread pool, process CPU and memory), plus the
    /// service's own meters. Every histogram named in <paramref name="fineHistograms"/> gets the fine duration buckets.
    /// </summary>
    public static IServiceCollection AddServiceMetrics(this IServiceCollection services, string[] meters, bool httpServer = true, params string[] fineHistograms)
    {
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            if (httpServer)
            {
                metrics.AddMeter("Microsoft.AspNetCore.Hosting");
            }
            metrics.AddMeter([
                "Microsoft.AspNetCore.Server.Kestrel",
                "System.Runtime",
                .. meters]);
            foreach (var histogram in fineHistograms.Prepend("http.server.request.duration"))
            {
                metrics.AddView(histogram, new ExplicitBucketHistogramConfiguration { Boundaries = DurationBuckets });
            }
            metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
        });
        return services;
    }

    /// <summary>/metrics in the Prometheus text format, answered only on <paramref name="hosts"/> when any are given.</summary>
    public static IEndpointConventionBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app, string[] hosts)
    {
        var endpoint = app.MapPrometheusScrapingEndpoint(Path);
        return hosts.Length > 0 ? endpoint.RequireHost(hosts) : endpoint;
    }
}
