using Shipshape.AppHost.Tests.Support;

namespace Shipshape.AppHost.Tests.Observability;

/// <summary>The chart's rules and dashboard against the live local Prometheus, after traffic through nginx.</summary>
[Collection(SharedRunningSystem.Name)]
public sealed class PromQlTests(RunningSystem system)
{
    private static readonly TimeSpan DataTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EveryRuleOfTheChartIsLoadedAndEvaluatesWithoutError()
    {
        var expected = ChartQueries.Rules(system.System.Layout.EchoRules).Select(rule => rule.Name).ToHashSet();

        var loaded = await system.Prometheus.RulesAsync();

        Assert.Equal(expected.Order(), loaded.Select(rule => rule.Name).Distinct().Order());
        Assert.True(await Eventually.HoldsAsync(async () => (await system.Prometheus.RulesAsync()).All(rule => rule.Health == "ok"), DataTimeout),
            string.Join("\n", (await system.Prometheus.RulesAsync()).Where(rule => rule.Health != "ok").Select(rule => $"{rule.Name}: {rule.Health} {rule.LastError}")));
    }

    [Fact]
    public async Task EveryRuleExpressionEvaluatesAndThoseAboutEchoReturnData()
    {
        await SendTrafficAsync();
        foreach (var (name, expression, alert) in ChartQueries.Rules(system.System.Layout.EchoRules))
        {
            var result = await system.Prometheus.QueryAsync(expression);
            Assert.True(result.Error is null, $"{name}: {result.Error}");
            if (!alert && !ChartQueries.NeedsCluster(expression))
            {
                // Recording rules about Echo: data once there is traffic (alert conditions stay empty while all is well).
                Assert.True(await Eventually.HoldsAsync(async () => (await system.Prometheus.QueryAsync(expression)).Series > 0, DataTimeout), $"{name} returns no data");
            }
        }
    }

    [Fact]
    public async Task EveryDashboardQueryEvaluatesAndThoseAboutEchoReturnData()
    {
        await SendTrafficAsync();
        var queries = ChartQueries.Dashboard(system.System.Layout.EchoDashboard);
        Assert.NotEmpty(queries);
        foreach (var (panel, expression) in queries)
        {
            var result = await system.Prometheus.QueryAsync(expression);
            Assert.True(result.Error is null, $"panel \"{panel}\": {result.Error}\n{expression}");
            if (!ChartQueries.NeedsCluster(expression) && !ChartQueries.SelectsOnlyErrors(expression))
            {
                Assert.True(await Eventually.HoldsAsync(async () =>
                {
                    await SendTrafficAsync(20);
                    return (await system.Prometheus.QueryAsync(expression)).Series > 0;
                }, DataTimeout), $"panel \"{panel}\" shows no data: {expression}");
            }
        }
    }

    [Fact]
    public async Task TheDashboardsNamespaceVariableOffersTheLocalNamespace()
    {
        // The variable's query is label_values(echo_log_lines_written_total, namespace).
        Assert.True(await Eventually.HoldsAsync(async () =>
            (await system.Prometheus.QueryAsync($"count(echo_log_lines_written_total{{namespace=\"{ChartQueries.Namespace}\"}})")).Series == 1, DataTimeout));
    }

    private async Task SendTrafficAsync(int requests = 400) =>
        Assert.Empty(await Burst.SendAsync(system.Entry, requests, concurrency: 8));
}
