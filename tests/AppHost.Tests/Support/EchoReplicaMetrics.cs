using System.Globalization;
using System.Text.RegularExpressions;

namespace Shipshape.AppHost.Tests.Support;

/// <summary>What one Echo replica says about itself on /metrics: how many /api requests it has answered.</summary>
public static partial class EchoReplicaMetrics
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<long> ApiRequestsAsync(int port)
    {
        var text = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        return ApiRequestCount().Matches(text).Sum(match => (long)double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^http_server_request_duration_seconds_count\{[^}]*http_route=""/api""[^}]*\} (\S+)", RegexOptions.Multiline)]
    private static partial Regex ApiRequestCount();
}
