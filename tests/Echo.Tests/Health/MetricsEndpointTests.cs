using System.Text.RegularExpressions;
using System.Net;
using Shipshape.Echo.Tests.Support;

namespace Shipshape.Echo.Tests.Health;

// Metric listeners see every meter of a name in the process, so other tests' requests would be counted here.
[Collection(nameof(MetricsEndpointTests))]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task MetricsAreInPrometheusTextFormatWithRequestLogAndRuntimeSeries()
    {
        await using var echo = new EchoFactory();
        var client = echo.CreateClient();
        await client.GetAsync("/api?a=1");
        await echo.GetRawAsync("/api", "?a=%zz");
        await echo.AccessLinesAsync(2);

        // The framework records a request's duration after its answer is sent: scrape until both are in.
        HttpResponseMessage response;
        string text;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            response = await client.GetAsync("/metrics");
            text = await response.Content.ReadAsStringAsync();
        }
        while (!(Regex.IsMatch(text, ApiCount(200)) && Regex.IsMatch(text, ApiCount(400))) && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Matches(ApiCount(200), text);
        Assert.Matches(ApiCount(400), text);
        Assert.Matches("""http_server_request_duration_seconds_bucket\{[^}]*le="0.001"\}""", text);
        Assert.Contains("http_server_active_requests{", text, StringComparison.Ordinal);
        Assert.Matches("""echo_log_lines_written_total\{[^}]*\} [1-9]""", text);
        Assert.Matches("""echo_log_lines_dropped_total\{[^}]*\} 0\b""", text);
        Assert.Contains("dotnet_gc_collections_total", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_process_cpu_time_seconds_total", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_process_memory_working_set_bytes", text, StringComparison.Ordinal);
    }

    private static string ApiCount(int status) =>
        $$"""http_server_request_duration_seconds_count\{[^}]*http_response_status_code="{{status}}",http_route="/api"[^}]*\} 1\b""";
}

[CollectionDefinition(nameof(MetricsEndpointTests), DisableParallelization = true)]
public sealed class MetricsIsolation;
