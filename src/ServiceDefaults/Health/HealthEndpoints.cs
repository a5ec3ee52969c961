using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Shipshape.Echo.Health;

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddEchoHealth(this IServiceCollection services)
    {
        services.AddSingleton<Readiness>();
        services.AddHostedService<GracefulShutdown>();
        services.AddHealthChecks().AddCheck<ReadinessHealthCheck>("readiness", tags: [ReadyTag]);
        return services;
    }

    /// <summary>/healthz: the process answers (liveness). /readyz: it should get traffic (readiness).</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app, string[] hosts)
    {
        var live = app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        var ready = app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        if (hosts.Length > 0)
        {
            live.RequireHost(hosts);
            ready.RequireHost(hosts);
        }
    }
}
