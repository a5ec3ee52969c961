using Shipshape.ServiceDefaults.Metrics;

namespace Shipshape.Echo.Metrics;

public static class EchoMetricsExtensions
{
    public static IServiceCollection AddEchoMetrics(this IServiceCollection services)
    {
        services.AddSingleton<LogMetrics>();
        return services.AddServiceMetrics([LogMetrics.MeterName]);
    }

    /// <summary>/metrics, with Echo's observable instruments created before the first scrape.</summary>
    public static void MapEchoMetricsEndpoint(this IEndpointRouteBuilder app, string[] hosts)
    {
        app.ServiceProvider.GetRequiredService<LogMetrics>();
        app.MapMetricsEndpoint(hosts);
    }
}
