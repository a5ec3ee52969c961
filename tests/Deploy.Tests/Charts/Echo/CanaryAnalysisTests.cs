using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Echo;

/// <summary>The canary's AnalysisTemplate and Istio objects, and the Rollout that names them (ci/canary-values.yaml).</summary>
public sealed class CanaryAnalysisTests
{
    private static JsonNode Canary(Render render) => render.Workload["spec"]!["strategy"]!["canary"]!;

    private static JsonObject Named(Render render, string kind, string name) =>
        render.Objects.OfKind(kind).SingleOrDefault(o => o.Name() == name)
        ?? throw new Xunit.Sdk.XunitException($"the Rollout names {kind} {name}, which the chart does not render");

    [Fact]
    public void RolloutNamesTheAnalysisTemplateVirtualServiceRouteAndDestinationRuleTheChartRenders()
    {
        var render = EchoChart.RenderProfile("canary").Succeeded();
        var istio = Canary(render)["trafficRouting"]!["istio"]!;
        var template = Named(render, "AnalysisTemplate", (string)Canary(render)["analysis"]!["templates"]![0]!["templateName"]!);
        var virtualService = Named(render, "VirtualService", (string)istio["virtualService"]!["name"]!);
        var destinationRule = Named(render, "DestinationRule", (string)istio["destinationRule"]!["name"]!);
        Named(render, "Service", (string)Canary(render)["canaryService"]!);
        Named(render, "Service", (string)Canary(render)["stableService"]!);

        var route = virtualService["spec"]!["http"]!.AsArray().Single(r => (string?)r!["name"] == istio["virtualService"]!["routes"].Strings().Single())!;
        var destinations = route["route"]!.AsArray().ToDictionary(d => (string)d!["destination"]!["subset"]!, d => d!);
        var canarySubset = (string)istio["destinationRule"]!["canarySubsetName"]!;
        var stableSubset = (string)istio["destinationRule"]!["stableSubsetName"]!;
        var host = (string)destinationRule["spec"]!["host"]!;

        Assert.Equal([canarySubset, stableSubset], destinationRule["spec"]!["subsets"]!.AsArray().Select(s => (string)s!["name"]!).Order());
        Assert.Equal((0, 100), ((int)destinations[canarySubset]["weight"]!, (int)destinations[stableSubset]["weight"]!));
        Assert.All(destinations.Values, d => Assert.Equal(host, (string?)d["destination"]!["host"]));
        Assert.Equal(render.Workload.Name(), host);
        Named(render, "Service", host);
        Assert.Contains(host, virtualService["spec"]!["hosts"].Strings());
        Assert.Equal(["canary-hash", "namespace"], template["spec"]!["args"]!.AsArray().Select(a => (string)a!["name"]!).Order());
    }

    [Fact]
    public void SubsetsSelectEchosPodsAndTheControllerAddsOnlyTheReplicaSetHash()
    {
        var render = EchoChart.RenderProfile("canary").Succeeded();
        var podLabels = render.Workload["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

        Assert.All(render.Objects.One("DestinationRule")["spec"]!["subsets"]!.AsArray(), subset =>
            Assert.All(subset!["labels"]!.AsObject(), label => Assert.Equal((string?)podLabels[label.Key], (string?)label.Value)));
    }

    [Fact]
    public void RolloutPassesTheCanaryHashAndNamespaceAndAbortsOnAFailedAnalysisOrNoProgress()
    {
        var render = EchoChart.RenderProfile("canary").Succeeded();
        var analysis = Canary(render)["analysis"]!;
        var args = analysis["args"]!.AsArray().ToDictionary(a => (string)a!["name"]!, a => a!["valueFrom"]!);

        Assert.Equal("Latest", (string?)args["canary-hash"]["podTemplateHashValue"]);
        Assert.Equal("metadata.namespace", (string?)args["namespace"]["fieldRef"]!["fieldPath"]);
        // Background analysis (strategy.canary.analysis): a failed AnalysisRun aborts the Rollout, which sets the canary's
        // weight back to 0 and scales its ReplicaSet down after abortScaleDownDelaySeconds.
        Assert.Null(analysis["dryRun"]);
        Assert.True((int)Canary(render)["abortScaleDownDelaySeconds"]! > 0);
        Assert.True((bool?)render.Workload["spec"]!["progressDeadlineAbort"]);
        Assert.True((int)render.Workload["spec"]!["progressDeadlineSeconds"]! > 0);
    }

    [Fact]
    public void QueriesReadOnlyTheCanarysApiRequestsWhoseHashTheServiceMonitorCopiesOntoTheSeries()
    {
        var render = EchoChart.RenderProfile("canary").Succeeded();
        var metrics = render.Objects.One("AnalysisTemplate")["spec"]!["metrics"]!.AsArray();

        Assert.Equal(["latency-p99", "success-rate"], metrics.Select(m => (string)m!["name"]!).Order());
        Assert.All(metrics, m =>
        {
            var query = (string)m!["provider"]!["prometheus"]!["query"]!;
            Assert.Contains("rollouts_pod_template_hash=\"{{args.canary-hash}}\"", query, StringComparison.Ordinal);
            Assert.Contains("namespace=\"{{args.namespace}}\"", query, StringComparison.Ordinal);
            Assert.Contains("http_route=\"/api\"", query, StringComparison.Ordinal);
            Assert.Equal("http://prometheus-operated.monitoring.svc:9090", (string?)m["provider"]!["prometheus"]!["address"]);
        });
        Assert.Contains("rollouts-pod-template-hash", render.Objects.One("ServiceMonitor")["spec"]!["podTargetLabels"].Strings());
    }

    [Theory]
    [InlineData("", 0.99, 0.25)]
    [InlineData("canary: {analysis: {successRate: 0.95, latencyP99Seconds: 0.5}}", 0.95, 0.5)]
    public void ConditionsPassAtTheThresholdFailBeyondItAndCallNoDataInconclusive(string values, double successRate, double latency)
    {
        var render = EchoChart.RenderValues(values, "canary").Succeeded();
        var metrics = render.Objects.One("AnalysisTemplate")["spec"]!["metrics"]!.AsArray().ToDictionary(m => (string)m!["name"]!, m => m!);
        string Verdict(string metric, params double[] result) =>
            AnalysisCondition.Verdict((string)metrics[metric]["successCondition"]!, (string)metrics[metric]["failureCondition"]!, result);

        Assert.Equal("Successful", Verdict("success-rate", 1.0));
        Assert.Equal("Successful", Verdict("success-rate", successRate));
        Assert.Equal("Failed", Verdict("success-rate", successRate - 0.001));
        Assert.Equal("Successful", Verdict("latency-p99", latency / 2));
        Assert.Equal("Successful", Verdict("latency-p99", latency));
        Assert.Equal("Failed", Verdict("latency-p99", latency + 0.001));
        Assert.Equal("Failed", Verdict("latency-p99", double.PositiveInfinity));
        foreach (var metric in metrics.Keys)
        {
            Assert.Equal("Inconclusive", Verdict(metric));
            Assert.Equal("Inconclusive", Verdict(metric, double.NaN));
            Assert.Equal(1, (int?)metrics[metric]["failureLimit"]);
            Assert.Equal(3, (int?)metrics[metric]["inconclusiveLimit"]);
        }
    }

    [Fact]
    public void VirtualServiceServesTheGatewaysAndTheMeshOrTheMeshAlone()
    {
        var withGateway = EchoChart.RenderProfile("canary").Succeeded().Objects.One("VirtualService")["spec"]!;
        var meshOnly = EchoChart.RenderValues("canary: {enabled: true}").Succeeded().Objects.One("VirtualService")["spec"]!;

        Assert.Equal(["istio-system/public", "mesh"], withGateway["gateways"].Strings());
        Assert.Equal(["web-echo", "echo.shipshape.example"], withGateway["hosts"].Strings());
        Assert.Null(meshOnly["gateways"]);
        Assert.Equal(["web-echo"], meshOnly["hosts"].Strings());
    }

    [Theory]
    [InlineData("canary: {enabled: false}", false, false)]
    [InlineData("canary: {enabled: true, analysis: {enabled: false}}", true, false)]
    [InlineData("canary: {enabled: true}", true, true)]
    public void IstioObjectsComeWithTheCanaryAndTheAnalysisTemplateWithItsAnalysis(string values, bool istio, bool analysis)
    {
        var render = EchoChart.RenderValues(values).Succeeded();

        Assert.Equal(istio, render.Objects.OfKind("VirtualService").Any() && render.Objects.OfKind("DestinationRule").Any());
        Assert.Equal(analysis, render.Objects.OfKind("AnalysisTemplate").Any());
        Assert.Equal(analysis, istio && Canary(render)["analysis"] is not null);
    }

    [Fact]
    public void MoreThanOneRouteIsRefused() =>
        ChartChecks.AssertRejected(EchoChart.Chart, "canary: {enabled: true, trafficRouting: {istio: {virtualService: {routes: [primary, second]}}}}",
            ChartChecks.TemplateRejection, "the chart's VirtualService has one HTTP route; name exactly one (got 2)");
}
