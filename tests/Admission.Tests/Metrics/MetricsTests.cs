using Shipshape.Admission.Tests.Support;

namespace Shipshape.Admission.Tests.Metrics;

/// <summary>/metrics tells decisions by policy, kind and result, the latency, refusals by reason and the certificate's remaining life.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task DecisionsViolationsErrorsAndLatencyAreExported()
    {
        await using var server = await AdmissionServer.StartAsync();
        await server.ReviewAsync(Support.Reviews.Json(Workloads.Deployment(Workloads.Container(memory: null))));
        await server.ReviewAsync(Support.Reviews.Json(Workloads.Deployment(Workloads.Container(memoryLimit: null)), dryRun: true));
        await server.PostAsync("{not json");

        var metrics = await server.MetricsAsync();

        AssertSeries(metrics, "admission_reviews_total{", "kind=\"Deployment\"", "operation=\"CREATE\"", "result=\"denied\"", "dry_run=\"false\"", "} 1");
        AssertSeries(metrics, "admission_reviews_total{", "result=\"allowed\"", "dry_run=\"true\"", "} 1");
        AssertSeries(metrics, "admission_policy_violations_total{", "action=\"deny\"", "kind=\"Deployment\"", "policy=\"resource-requests\"", "} 1");
        AssertSeries(metrics, "admission_policy_violations_total{", "action=\"warn\"", "policy=\"memory-limit\"", "} 1");
        AssertSeries(metrics, "admission_errors_total{", "reason=\"malformed_json\"", "} 1");
        AssertSeries(metrics, "admission_review_duration_seconds_bucket{", "result=\"denied\"", "le=\"0.001\"");
        AssertSeries(metrics, "admission_review_duration_seconds_bucket{", "result=\"refused\"", "le=\"+Inf\"", "} 1");
        AssertSeries(metrics, "kestrel_active_connections{");
        var expiry = metrics.Split('\n').Single(l => l.StartsWith("admission_tls_certificate_expiry_seconds", StringComparison.Ordinal));
        var seconds = double.Parse(expiry.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 11 * 3600, 12 * 3600);
    }

    private static void AssertSeries(string metrics, string prefix, params string[] parts) =>
        Assert.True(
            metrics.Split('\n').Any(line => line.StartsWith(prefix, StringComparison.Ordinal) && parts.All(p => line.Contains(p, StringComparison.Ordinal))),
            $"no series {prefix} with {string.Join(", ", parts)} in:\n{string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith(prefix.TrimEnd('{'), StringComparison.Ordinal)))}");
}
