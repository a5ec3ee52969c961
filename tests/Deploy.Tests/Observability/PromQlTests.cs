using System.Text;

namespace Shipshape.Deploy.Tests.Observability;

/// <summary>
/// Every PromQL expression of the rules, the dashboard and the canary analysis parses (promtool reads them as
/// recording rules, which it parses and type-checks), and every metric it reads exists: in Echo's or the
/// archiver's live /metrics, among the recording rules, or in the Kubernetes exporters' documentation.
/// </summary>
public sealed class PromQlTests(LiveMetricNames live) : IClassFixture<LiveMetricNames>
{
    [Fact]
    public void EveryExpressionParses()
    {
        var expressions = PromQlSources.All();
        var file = Path.Combine(Directory.CreateTempSubdirectory("promql-").FullName, "expressions.yaml");
        var yaml = new StringBuilder("groups:\n");
        for (var i = 0; i < expressions.Count; i++)
        {
            // One group per expression, named after its origin, so that promtool's error names it.
            yaml.Append("  - name: ").Append(Quote(expressions[i].Origin)).Append('\n')
                .Append("    rules:\n      - record: parsed:expression_").Append(i).Append('\n')
                .Append("        expr: ").Append(Quote(expressions[i].Expression)).Append('\n');
        }

        File.WriteAllText(file, yaml.ToString());
        try
        {
            var result = Promtool.Run("check", "rules", file);
            Assert.True(result.ExitCode == 0, result.Describe());
            Assert.Contains($"SUCCESS: {expressions.Count} rules found", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void AParseErrorIsCaught()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("promql-").FullName, "broken.yaml");
        File.WriteAllText(file, "groups:\n  - name: broken\n    rules:\n      - record: parsed:broken\n        expr: 'sum by (x) (rate(up[5m])'\n");
        try
        {
            Assert.NotEqual(0, Promtool.Run("check", "rules", file).ExitCode);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void EveryMetricReadIsOneThatEchoTheArchiverARecordingRuleOrKubernetesExposes()
    {
        var known = live.Echo.Concat(live.Archiver).Concat(ObservabilityFiles.RecordedNames()).Concat(KubernetesMetrics.Documented.Keys).ToHashSet();
        var unknown = PromQlSources.All()
            .SelectMany(e => PromQl.MetricNames(e.Expression).Where(name => !known.Contains(name)).Select(name => $"{e.Origin}: {name}"))
            .ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void TheLiveMetricsHoldWhatTheSlosAndLogAlertsRead()
    {
        Assert.Superset(new HashSet<string>
        {
            "http_server_request_duration_seconds_bucket", "http_server_request_duration_seconds_count", "echo_log_lines_dropped_total",
            "echo_log_file_lines_dropped_total", "echo_log_lines_written_total",
        }, live.Echo.ToHashSet());
        Assert.Superset(new HashSet<string>
        {
            "archiver_backlog_oldest_age_seconds", "archiver_upload_failures_total", "archiver_uploads_total", "archiver_backlog_segments",
        }, live.Archiver.ToHashSet());
    }

    [Fact]
    public void TheDashboardAndTheRulesAreAllCovered()
    {
        Assert.Contains(PromQlSources.All(), e => e.Origin.StartsWith("dashboard panel", StringComparison.Ordinal));
        Assert.Contains(PromQlSources.All(), e => e.Origin.StartsWith("dashboard variable", StringComparison.Ordinal));
        Assert.Equal(ObservabilityFiles.RuleNodes().Count, PromQlSources.Rules().Count);
    }

    [Fact]
    public void TheCanaryAnalysisQueriesAreCoveredOnceTheChartHasAnAnalysisTemplate()
    {
        if (PromQlSources.HasAnalysisTemplate)
        {
            Assert.NotEmpty(PromQlSources.AnalysisTemplate());
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal) + "'";
}
