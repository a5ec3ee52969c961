using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Observability;

/// <summary>echo-rules.yaml against promtool and its own unit tests, and each alert's labels, annotations and runbook.</summary>
public sealed partial class RuleFileTests
{
    private static readonly string[] RequiredAnnotations = ["summary", "description"];

    [Fact]
    public void PromtoolAcceptsTheRuleFile()
    {
        var result = Promtool.Run("check", "rules", ObservabilityFiles.Rules);
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("SUCCESS", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void PromtoolUnitTestsOfTheRulesPass()
    {
        var result = Promtool.Run("test", "rules", ObservabilityFiles.RuleTests);
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("SUCCESS", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryAlertHasAUnitTestThatFiresItAndOneThatShowsItQuiet()
    {
        var cases = ((YamlSequenceNode)ObservabilityFiles.LoadYaml(ObservabilityFiles.RuleTests)["tests"]).Cast<YamlMappingNode>()
            .Where(test => test.Children.ContainsKey("alert_rule_test"))
            .SelectMany(test => ((YamlSequenceNode)test["alert_rule_test"]).Cast<YamlMappingNode>())
            .Select(c => (Alert: ObservabilityFiles.Scalar(c, "alertname"),
                Fires: c.Children.TryGetValue("exp_alerts", out var expected) && expected is YamlSequenceNode { Children.Count: > 0 }))
            .ToList();
        var alerts = ObservabilityFiles.Alerts().Select(a => ObservabilityFiles.Scalar(a, "alert")).ToList();

        Assert.NotEmpty(alerts);
        Assert.Empty(alerts.Where(alert => !cases.Contains((alert, true))).Select(alert => $"{alert}: no test fires it"));
        Assert.Empty(alerts.Where(alert => !cases.Contains((alert, false))).Select(alert => $"{alert}: no test shows it quiet"));
        Assert.Empty(cases.Select(c => c.Alert).Distinct().Except(alerts).Select(name => $"a test names {name}, which is no alert"));
    }

    [Fact]
    public void EveryRecordingRuleIsCheckedByValueInTheUnitTests()
    {
        var tested = ((YamlSequenceNode)ObservabilityFiles.LoadYaml(ObservabilityFiles.RuleTests)["tests"]).Cast<YamlMappingNode>()
            .Where(test => test.Children.ContainsKey("promql_expr_test"))
            .SelectMany(test => ((YamlSequenceNode)test["promql_expr_test"]).Cast<YamlMappingNode>())
            .SelectMany(c => PromQl.MetricNames(ObservabilityFiles.Scalar(c, "expr")))
            .ToHashSet();
        var alertInputs = ObservabilityFiles.Alerts().SelectMany(a => PromQl.MetricNames(ObservabilityFiles.Scalar(a, "expr"))).ToHashSet();

        // Each recorded series is read by a promql_expr_test, or by an alert whose tests fire it.
        Assert.DoesNotContain(ObservabilityFiles.RecordedNames(), name => !tested.Contains(name) && !alertInputs.Contains(name));
        Assert.Contains(ObservabilityFiles.RecordedNames(), tested.Contains);
    }

    [Fact]
    public void EveryAlertHasASeveritySummaryDescriptionAndARunbookSectionThatExists()
    {
        var anchors = File.ReadAllLines(ObservabilityFiles.Runbook)
            .Where(line => line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => line[3..].Trim().ToLowerInvariant())
            .ToHashSet();
        var problems = new List<string>();
        foreach (var alert in ObservabilityFiles.Alerts())
        {
            var name = ObservabilityFiles.Scalar(alert, "alert");
            var labels = (YamlMappingNode)alert["labels"];
            var annotations = (YamlMappingNode)alert["annotations"];
            if (ObservabilityFiles.Scalar(labels, "severity") is not ("page" or "ticket"))
            {
                problems.Add($"{name}: severity is not page or ticket");
            }

            foreach (var key in RequiredAnnotations.Where(key => ObservabilityFiles.Scalar(annotations, key).Length == 0))
            {
                problems.Add($"{name}: no {key}");
            }

            var runbook = RunbookUrl().Match(ObservabilityFiles.Scalar(annotations, "runbook_url"));
            if (!runbook.Success || !runbook.Groups["anchor"].Value.Equals(name, StringComparison.OrdinalIgnoreCase) || !anchors.Contains(runbook.Groups["anchor"].Value))
            {
                problems.Add($"{name}: runbook_url does not point to its section \"## {name}\" of docs/runbooks/echo.md");
            }
        }

        Assert.Empty(problems);
    }

    [GeneratedRegex(@"^docs/runbooks/echo\.md#(?<anchor>[a-z0-9-]+)$")]
    private static partial Regex RunbookUrl();
}
