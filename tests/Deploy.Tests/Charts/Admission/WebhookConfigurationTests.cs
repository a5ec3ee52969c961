using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Admission;

/// <summary>The ValidatingWebhookConfiguration: what it judges, where it calls, and what it never touches.</summary>
public sealed class WebhookConfigurationTests
{
    private const string NameLabel = "kubernetes.io/metadata.name";

    /// <summary>Values that try to bring kube-system or the release namespace back under the webhook.</summary>
    public static TheoryData<string, string> HostileValues => new()
    {
        { "re-include by expression", $$"""
            webhook:
              excludeNamespaces: []
              extraNamespaceSelectorExpressions:
                - {key: {{NameLabel}}, operator: In, values: [kube-system, team-a, ops]}
            """ },
        { "opt-out label renamed", """
            webhook:
              optOutLabel: example.com/skip
              excludeNamespaces: [kube-system]
            """ },
        { "fail open in another namespace", """
            webhook:
              failurePolicy: Ignore
              extraNamespaceSelectorExpressions:
                - {key: tier, operator: Exists}
            """ },
    };

    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void NamespaceSelectorExcludesKubeSystemTheReleaseNamespaceAndOptedOutNamespaces(string profile)
    {
        foreach (var ns in new[] { AdmissionChart.DefaultNamespace, "ops" })
        {
            var render = AdmissionChart.RenderProfile(profile, ns).Succeeded();
            var selector = render.Webhook["namespaceSelector"];
            var optOut = (string)render.Webhook["namespaceSelector"]!["matchExpressions"]!.AsArray()
                .Single(e => (string)e!["operator"]! == "NotIn" && e["values"].Strings().SequenceEqual(["true"]))!["key"]!;

            Assert.False(LabelSelector.Matches(selector, Namespace("kube-system")), $"{profile}: kube-system is judged");
            Assert.False(LabelSelector.Matches(selector, Namespace(ns)), $"{profile}: the release namespace {ns} is judged");
            Assert.False(LabelSelector.Matches(selector, Namespace("team-a", (optOut, "true"))), $"{profile}: an opted-out namespace is judged");
            Assert.Equal("admission.shipshape.dev/ignore", optOut);
        }
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void NoValuesBringKubeSystemOrTheReleaseNamespaceBack(string attempt, string values)
    {
        foreach (var ns in new[] { AdmissionChart.DefaultNamespace, "ops" })
        {
            var render = AdmissionChart.RenderValues(values, @namespace: ns).Succeeded();
            var selector = render.Webhook["namespaceSelector"];

            Assert.False(LabelSelector.Matches(selector, Namespace("kube-system", ("tier", "system"))), $"{attempt}: kube-system is judged");
            Assert.False(LabelSelector.Matches(selector, Namespace(ns, ("tier", "platform"))), $"{attempt}: the release namespace {ns} is judged");
        }
    }

    [Fact]
    public void ValuesCannotReplaceTheNamespaceSelector()
    {
        var render = AdmissionChart.RenderValues("""
            webhook:
              namespaceSelector: {}
            """);

        Assert.False(render.Succeeded);
        Assert.Contains("at '/webhook': additional properties 'namespaceSelector' not allowed", render.Result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void OrdinaryNamespacesAreJudged()
    {
        var selector = AdmissionChart.RenderProfile("default").Succeeded().Webhook["namespaceSelector"];

        Assert.True(LabelSelector.Matches(selector, Namespace("team-a")));
        Assert.True(LabelSelector.Matches(selector, Namespace("team-b", ("admission.shipshape.dev/ignore", "false"))));
    }

    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void RulesCoverEveryJudgedKindOnCreateAndUpdate(string profile)
    {
        string[] expected =
        [
            "/v1/pods", "/v1/pods/ephemeralcontainers", "/v1/replicationcontrollers",
            "apps/v1/deployments", "apps/v1/replicasets", "apps/v1/statefulsets", "apps/v1/daemonsets",
            "batch/v1/jobs", "batch/v1/cronjobs", "argoproj.io/v1alpha1/rollouts",
        ];
        var rules = AdmissionChart.RenderProfile(profile).Succeeded().Webhook["rules"]!.AsArray();

        var covered = rules
            .Where(r => r!["operations"].Strings().Order(StringComparer.Ordinal).SequenceEqual(["CREATE", "UPDATE"]))
            .SelectMany(r =>
                from g in r!["apiGroups"].Strings()
                from v in r["apiVersions"].Strings()
                from res in r["resources"].Strings()
                select $"{g}/{v}/{res}")
            .ToHashSet();

        Assert.Empty(expected.Except(covered));
        Assert.All(rules, r => Assert.Equal("Namespaced", (string?)r!["scope"]));
    }

    [Theory]
    [MemberData(nameof(AdmissionChart.Profiles), MemberType = typeof(AdmissionChart))]
    public void WebhookCallsTheServiceOnPort443AtValidate(string profile)
    {
        var render = AdmissionChart.RenderProfile(profile).Succeeded();
        var service = render.Objects.One("Service");
        var clientService = render.Webhook["clientConfig"]!["service"]!;
        var servicePort = service["spec"]!["ports"]!.AsArray().Single()!;
        var containerPort = render.Container["ports"]!.AsArray().Single()!;

        Assert.Equal(service.Name(), (string?)clientService["name"]);
        Assert.Equal(AdmissionChart.DefaultNamespace, (string?)clientService["namespace"]);
        Assert.Equal("/validate", (string?)clientService["path"]);
        Assert.Equal(443, (int?)clientService["port"]);
        Assert.Equal(443, (int?)servicePort["port"]);
        Assert.Equal("https", (string?)servicePort["name"]);
        Assert.Equal((string?)containerPort["name"], (string?)servicePort["targetPort"]);
        Assert.Equal(8443, (int?)containerPort["containerPort"]);
        Assert.Equal("https://+:8443", render.Env("ASPNETCORE_URLS"));
    }

    [Theory]
    [InlineData("default", "Fail", 5)]
    [InlineData("ignore-failure", "Ignore", 10)]
    public void WebhookSettingsAreSafeAndFollowTheValues(string profile, string failurePolicy, int timeoutSeconds)
    {
        var webhook = AdmissionChart.RenderProfile(profile).Succeeded().Webhook;

        Assert.Equal(failurePolicy, (string?)webhook["failurePolicy"]);
        Assert.Equal(timeoutSeconds, (int?)webhook["timeoutSeconds"]);
        Assert.Equal(["v1"], webhook["admissionReviewVersions"].Strings());
        Assert.Equal("None", (string?)webhook["sideEffects"]);
        Assert.Equal("Equivalent", (string?)webhook["matchPolicy"]);
        Assert.True(((string)webhook["name"]!).Split('.').Length >= 3, $"webhook name {webhook["name"]} needs three dot-separated segments");
    }

    private static Dictionary<string, string> Namespace(string name, params (string Key, string Value)[] labels) =>
        new[] { (Key: NameLabel, Value: name) }.Concat(labels).ToDictionary(l => l.Key, l => l.Value);
}
