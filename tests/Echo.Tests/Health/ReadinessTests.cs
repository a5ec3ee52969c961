using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shipshape.ServiceDefaults.Health;

namespace Shipshape.Echo.Tests.Health;

public sealed class ReadinessTests
{
    [Fact]
    public async Task NotReadyUntilStartedThenNotReadyOnceDrainingForGood()
    {
        var readiness = new Readiness();
        var check = new ReadinessHealthCheck(readiness);

        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new())).Status);
        readiness.MarkStarted();
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new())).Status);
        readiness.MarkDraining();
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new())).Status);
        readiness.MarkStarted();
        Assert.Equal("draining", (await check.CheckHealthAsync(new())).Description);
    }
}
