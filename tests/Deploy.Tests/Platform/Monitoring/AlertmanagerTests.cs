using Shipshape.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Platform.Monitoring;

/// <summary>
/// Alertmanager's configuration from values.yaml: valid for amtool, routing one receiver per severity as the local
/// system does (src/AppHost/Local/AlertmanagerConfig.cs), with the receivers' URLs kept in a Secret, not in git.
/// </summary>
public sealed class AlertmanagerTests(AlertmanagerConfigFile config) : IClassFixture<AlertmanagerConfigFile>
{
    private static readonly string EchoRules = Repository.Path("deploy", "charts", "echo", "files", "prometheus", "echo-rules.yaml");

    private static readonly string ChartKeys = Repository.Path("tests", "Deploy.Tests", "Platform", "Fixtures", "chart-keys", "kube-prometheus-stack-88.5.3.keys");

    [Fact]
    public void AmtoolAcceptsTheConfiguration()
    {
        var result = Amtool.Run("check-config", config.Path);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("SUCCESS", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void EverySeverityOfEchosRulesReachesTheReceiverOfThatName()
    {
        var severities = SeveritiesOf(EchoRules);

        Assert.Equal(["page", "ticket"], severities);
        Assert.All(severities, severity => Assert.Equal(severity, config.RouteOf("alertname=EchoTest", $"severity={severity}")));
    }

    [Theory]
    [InlineData("severity=page", "page")]
    [InlineData("severity=ticket", "ticket")]
    [InlineData("severity=critical", "page")]
    [InlineData("severity=warning", "ticket")]
    [InlineData("severity=info", "default")]
    [InlineData("severity=unknown", "default")]
    [InlineData("namespace=shop", "default")]
    public void AlertsAreRoutedBySeverity(string label, string receiver) =>
        Assert.Equal(receiver, config.RouteOf("alertname=SomeAlert", label));

    [Fact]
    public void TheAlwaysFiringWatchdogNotifiesNobody() =>
        Assert.Equal("null", config.RouteOf("alertname=Watchdog", "severity=none"));

    [Fact]
    public void ReceiversReadTheirUrlsFromTheMountedSecretThatTheReleaseCreates()
    {
        var webhooks = AlertmanagerConfigFile.Webhooks(MonitoringFiles.At("alertmanager.config").AsObject()).ToList();
        var mounted = MonitoringFiles.At("alertmanager.alertmanagerSpec.secrets").Strings();

        Assert.NotEmpty(webhooks);
        Assert.All(webhooks, webhook =>
        {
            Assert.False(webhook.ContainsKey("url"), "a webhook URL is written in git");
            // The operator mounts each listed Secret at /etc/alertmanager/secrets/<name>/<key>.
            var parts = ((string)webhook["url_file"]!).Split('/');
            Assert.Equal(["", "etc", "alertmanager", "secrets"], parts[..4]);
            Assert.Contains(parts[4], mounted);
            Assert.Contains(parts[5], MonitoringFiles.SecretKeys(MonitoringFiles.ReleaseSecret(parts[4])));
        });
    }

    [Fact]
    public void TheConfigurationSetsEveryKeyOfTheChartsDefaultSoHelmsMergeAddsNothing()
    {
        // Helm merges our mapping into the chart's default one key by key (lists are replaced whole).
        var defaults = File.ReadLines(ChartKeys)
            .Where(line => line.StartsWith("alertmanager.config.", StringComparison.Ordinal) && !line.Contains("[]", StringComparison.Ordinal))
            .Select(line => line["alertmanager.".Length..])
            .ToList();

        Assert.Contains("config.route.receiver", defaults);
        Assert.All(defaults, path => MonitoringFiles.At($"alertmanager.{path}"));
    }

    private static List<string> SeveritiesOf(string rulesFile)
    {
        var root = YamlSettings.LoadFile(rulesFile);
        return YamlSettings.Sequence(root, "groups")
            .SelectMany(group => YamlSettings.Sequence(group, "rules"))
            .Select(rule => YamlSettings.Find(rule, "labels.severity"))
            .OfType<YamlScalarNode>()
            .Select(severity => severity.Value!)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
