using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;
using Shipshape.Echo.Tests.Support;

namespace Shipshape.Echo.Tests.Telemetry;

/// <summary>OTLP to the Aspire dashboard when OTEL_EXPORTER_OTLP_ENDPOINT is set, and nothing at all when it is not.</summary>
public sealed class OpenTelemetryTests
{
    private static readonly TimeSpan ExportWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WithoutAnOtlpEndpointNeitherTracingNorTheOpenTelemetryLoggerIsRegistered()
    {
        await using var echo = new EchoFactory();

        Assert.Null(echo.Services.GetService<TracerProvider>());
        Assert.DoesNotContain(echo.Services.GetServices<ILoggerProvider>(), provider => provider is OpenTelemetryLoggerProvider);
    }

    [Fact]
    public async Task WithAnOtlpEndpointTracingAndTheOpenTelemetryLoggerAreRegistered()
    {
        await using var echo = EchoFactory.With(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9"));

        Assert.NotNull(echo.Services.GetService<TracerProvider>());
        Assert.Contains(echo.Services.GetServices<ILoggerProvider>(), provider => provider is OpenTelemetryLoggerProvider);
    }

    [Theory]
    [MemberData(nameof(EchoBuilds.Names), MemberType = typeof(EchoBuilds))]
    public async Task TracesLogsAndMetricsReachTheOtlpEndpointWhileMetricsStillAnswer(string build)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var echo = await EchoProcess.StartAsync(EchoBuilds.Get(build), new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "echo-under-test",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        using var client = echo.CreateClient();

        // Probes and scrapes first: they must not become spans, so they cannot be in the batch that carries /api's.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api?traced=yes")).StatusCode);

        Assert.True(await receiver.WaitForAsync("traces", "/api", ExportWait), "no span of GET /api was exported");
        Assert.True(await receiver.WaitForAsync("metrics", "http.server.request.duration", ExportWait), "no request metrics were exported");
        Assert.True(await receiver.WaitForAsync("logs", "Now listening on", ExportWait), "no log record was exported");
        var traces = receiver.Exports("traces");
        Assert.All(traces, body => Assert.True(OtlpReceiver.Contains(body, "echo-under-test"), "service name is not OTEL_SERVICE_NAME"));
        foreach (var untraced in new[] { "/healthz", "/readyz", "/metrics" })
        {
            Assert.DoesNotContain(traces, body => OtlpReceiver.Contains(body, untraced));
        }

        // The Prometheus endpoint still answers beside the OTLP exporter, and stdout still gets the JSON lines.
        Assert.True(await MetricsShowAsync(client, """http_server_request_duration_seconds_count\{[^}]*http_response_status_code="200",http_route="/api"[^}]*\} 1\b"""));
        Assert.Single(echo.AccessLines);
        Assert.Contains(echo.Lines, line => line.Contains("Now listening on", StringComparison.Ordinal));
    }

    private static async Task<bool> MetricsShowAsync(HttpClient client, string pattern)
    {
        // The framework records a request's duration after its answer is sent: scrape until it is in.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            var response = await client.GetAsync("/metrics");
            if (response.StatusCode == HttpStatusCode.OK && Regex.IsMatch(await response.Content.ReadAsStringAsync(), pattern))
            {
                return true;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        return false;
    }
}
