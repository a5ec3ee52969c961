using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shipshape.ServiceDefaults.Health;

public sealed class ReadinessHealthCheck(Readiness readiness) : IHealthCheck
{
    private static readonly Task<HealthCheckResult> Ready = Task.FromResult(HealthCheckResult.Healthy("ready"));
    private static readonly Task<HealthCheckResult> Starting = Task.FromResult(HealthCheckResult.Unhealthy("starting"));
    private static readonly Task<HealthCheckResult> Draining = Task.FromResult(HealthCheckResult.Unhealthy("draining"));

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        readiness.IsReady ? Ready : readiness.IsDraining ? Draining : Starting;
}
