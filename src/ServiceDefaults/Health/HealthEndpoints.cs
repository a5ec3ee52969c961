using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shipshape.ServiceDefaults.Hosting;

namespace Shipshape.ServiceDefaults.Health;

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    /// <summary>Checks with this tag decide /healthz (liveness): a failing one gets the process restarted.</summary>
    public const string LiveTag = "live";

    public const string LivePath = "/healthz";

    public const string ReadyPath = "/readyz";

    /// <summary>
    /// Readiness, graceful shutdown and the health checks behind /healthz and /readyz. <paramref name="shutdown"/> picks
    /// the service's shutdown settings; the host's own shutdown timeout follows them.
    /// </summary>
    public static IServiceCollection AddServiceHealth(this IServiceCollection services, Func<IServiceProvider, ShutdownOptions> shutdown)
    {
        services.AddSingleton<IOptions<ShutdownOptions>>(provider => Options.Create(shutdown(provider)));
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, options) => host.ShutdownTimeout = options.Value.Timeout);
        services.AddSingleton<Readiness>();
        services.AddHostedService<GracefulShutdown>();
        services.AddHealthChecks().AddCheck<ReadinessHealthCheck>("readiness", tags: [ReadyTag]);
        return services;
    }

    /// <summary>/healthz: the process answers and its <see cref="LiveTag"/> checks pass (liveness). /readyz: it should get traffic (readiness).</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app, string[] hosts)
    {
        var live = app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        var ready = app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        if (hosts.Length > 0)
        {
            live.RequireHost(hosts);
            ready.RequireHost(hosts);
        }
    }
}
