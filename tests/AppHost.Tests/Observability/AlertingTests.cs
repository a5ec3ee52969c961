using System.Net.Http.Json;
using System.Text.Json;
using Shipshape.AppHost.Tests.Support;

namespace Shipshape.AppHost.Tests.Observability;

/// <summary>Echo answering a fifth of /api requests with an injected 500 (Echo:Faults:ErrorRatio), 2 replicas to spare the CPU.</summary>
public sealed class FaultySystem : LocalSystemFixture
{
    public const double ErrorRatio = 0.2;

    protected override IEnumerable<string> Settings => [$"--Local:EchoErrorRatio={ErrorRatio}", "--Local:EchoReplicas=2"];
}

/// <summary>
/// A fault makes the chart's own alert fire and reach Alertmanager: EchoErrorBudgetBurnFast (error ratio above 14.4 x the
/// 0.1 % budget over 5 m and 1 h, for 2 m). Runs beside the other system tests, on its own system.
/// </summary>
public sealed class AlertingTests(FaultySystem system) : IClassFixture<FaultySystem>
{
    private const string Alert = "EchoErrorBudgetBurnFast";
    private static readonly TimeSpan FiringTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task InjectedErrorsFireTheBurnRateAlertInAlertmanager()
    {
        using var alertmanager = new HttpClient { BaseAddress = new Uri(system.System.AlertmanagerUrl) };
        var sent = 0;
        var failed = 0;
        JsonElement? firing = null;

        var fired = await Eventually.HoldsAsync(async () =>
        {
            var failures = await Burst.SendAsync(system.Entry, 20, concurrency: 4);
            sent += 20;
            failed += failures.Count;
            var alerts = await alertmanager.GetFromJsonAsync<JsonElement>($"/api/v2/alerts?active=true&filter=alertname%3D%22{Alert}%22");
            firing = alerts.EnumerateArray().Select(alert => (JsonElement?)alert).FirstOrDefault();
            return firing is not null;
        }, FiringTimeout, TimeSpan.FromSeconds(1));

        Assert.True(fired, $"{Alert} did not reach Alertmanager within {FiringTimeout} ({failed} of {sent} requests failed)");
        var labels = firing!.Value.GetProperty("labels");
        Assert.Equal("page", labels.GetProperty("severity").GetString());
        Assert.Equal(ChartQueries.Namespace, labels.GetProperty("namespace").GetString());
        Assert.Equal("active", firing.Value.GetProperty("status").GetProperty("state").GetString());
        Assert.Contains(firing.Value.GetProperty("receivers").EnumerateArray(), receiver => receiver.GetProperty("name").GetString() == "page");
        var errorPanels = ChartQueries.Dashboard(system.System.Layout.EchoDashboard).Where(query => ChartQueries.SelectsOnlyErrors(query.Expression)).ToList();
        Assert.NotEmpty(errorPanels);
        foreach (var (panel, expression) in errorPanels)
        {
            Assert.True((await system.Prometheus.QueryAsync(expression)).Series > 0, $"panel \"{panel}\" shows no data while Echo answers with 500s");
        }
        // nginx does not retry a 500 (only refused/dropped connections, timeouts, 502 and 503): clients see the injected share.
        Assert.InRange(failed / (double)sent, FaultySystem.ErrorRatio * 0.8, FaultySystem.ErrorRatio * 1.2);
    }
}
