using Shipshape.AppHost.Tests.Support;

namespace Shipshape.AppHost.Tests.Resources;

[Collection(SharedRunningSystem.Name)]
public sealed class ResourceHealthTests(RunningSystem system)
{
    [Fact]
    public void EveryResourceIsRunningAndHealthy()
    {
        var notHealthy = system.ResourceNames
            .Select(name => (name, found: system.App.ResourceNotifications.TryGetCurrentState(name, out var change), change))
            .Where(r => !r.found || r.change!.Snapshot.State?.Text != KnownResourceStates.Running
                || r.change.Snapshot.HealthStatus != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            .Select(r => $"{r.name}: {r.change?.Snapshot.State?.Text ?? "missing"} {r.change?.Snapshot.HealthStatus}")
            .ToList();

        Assert.Empty(notHealthy);
        Assert.Equal(11, system.ResourceNames.Count);
    }

    [Fact]
    public async Task PrometheusScrapesEveryComponent()
    {
        // Every target up: the 4 replicas, archiver, webhook over TLS with the generated CA, nginx exporter, Prometheus, Alertmanager.
        Assert.True(await Eventually.HoldsAsync(async () => (await system.Prometheus.UnhealthyTargetsAsync()).Count == 0, TimeSpan.FromSeconds(30)),
            string.Join("\n", await system.Prometheus.UnhealthyTargetsAsync()));
        var jobs = await system.Prometheus.QueryAsync("count by (job) (up == 1)");
        Assert.Null(jobs.Error);
        Assert.Equal(6, jobs.Series);
        Assert.Equal(4, (await system.Prometheus.QueryAsync("up{job=\"echo\"} == 1")).Series);
    }

    [Fact]
    public async Task TheEntryPointAnswersThroughNginx()
    {
        using var response = await system.Entry.GetAsync(new Uri("/api?hello=world", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"query":{"hello":["world"]}}""", await response.Content.ReadAsStringAsync());
    }
}
