namespace Shipshape.AppHost.Tests.Support;

/// <summary>What one Echo replica says about itself on /metrics: how many /api requests it has answered.</summary>
public static class EchoReplicaMetrics
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<long> ApiRequestsAsync(int port) =>
        (long)PrometheusText.Sum(
            await Http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")),
            "http_server_request_duration_seconds_count",
            "http_route=\"/api\"");
}
