using System.Text.Json;
using Shipshape.Cli.Tests.Support;

namespace Shipshape.Cli.Tests.Audit;

public sealed class JsonReportTests
{
    [Fact]
    public async Task JsonOutputHasTheDocumentedShape()
    {
        var run = await ShipshapeProcess.RunAsync(["audit", "--output", "json", "denied/init-container.yaml", "helm/web.yaml", "broken/broken.yaml"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        using var report = JsonDocument.Parse(run.Stdout);
        var root = report.RootElement;
        Assert.Equal(["policies", "objects", "notJudged", "errors", "summary"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("built-in default policies", root.GetProperty("policies").GetString());

        var denied = root.GetProperty("objects")[0];
        Assert.Equal(
            ["source", "document", "item", "line", "subject", "kind", "allowed", "violations", "exemptions", "notes"],
            denied.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("denied/init-container.yaml", 1, JsonValueKind.Null, 1), (
            denied.GetProperty("source").GetString(), denied.GetProperty("document").GetInt32(),
            denied.GetProperty("item").ValueKind, denied.GetProperty("line").GetInt32()));
        Assert.Equal(("Deployment shop/web", "Deployment", false), (
            denied.GetProperty("subject").GetString(), denied.GetProperty("kind").GetString(), denied.GetProperty("allowed").GetBoolean()));
        var violation = denied.GetProperty("violations")[0];
        Assert.Equal(["policy", "action", "severity", "container", "message"], violation.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["resource-requests", "deny", "high", "migrate", "Deployment shop/web: init container \"migrate\" has no memory request"],
            violation.EnumerateObject().Select(p => p.Value.GetString()));

        var service = root.GetProperty("notJudged").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "Service");
        Assert.Equal(("helm/web.yaml", 4, "Service web-shop"), (
            service.GetProperty("source").GetString(), service.GetProperty("document").GetInt32(), service.GetProperty("subject").GetString()));

        var error = root.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal(("broken/broken.yaml", 2, 12), (
            error.GetProperty("source").GetString(), error.GetProperty("document").GetInt32(), error.GetProperty("line").GetInt32()));
        Assert.NotEqual("", error.GetProperty("message").GetString());

        Assert.Equal(
            """{"judged":2,"notJudged":5,"denied":1,"warnings":1,"invalid":1,"exitCode":2}""",
            JsonSerializer.Serialize(root.GetProperty("summary")));
    }

    [Fact]
    public async Task ExemptionsAndNotesAppearInTheJson()
    {
        const string manifest = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: legacy
              namespace: shop
              annotations:
                policies.shipshape.dev/exempt: "image-tag, no-such-policy"
            spec:
              template:
                spec:
                  securityContext: {runAsNonRoot: true}
                  containers:
                    - name: app
                      image: legacy
                      readinessProbe: {tcpSocket: {port: 80}}
                      resources:
                        requests: {cpu: 100m, memory: 64Mi}
                        limits: {memory: 64Mi}
            """;

        var run = await ShipshapeProcess.RunAsync(["audit", "-", "-o", "json"], stdin: manifest);

        Assert.True(run.ExitCode == 0, run.ToString());
        var judged = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("objects")[0];
        var exemption = Assert.Single(judged.GetProperty("exemptions").EnumerateArray());
        Assert.Equal("image-tag", exemption.GetProperty("policy").GetString());
        Assert.Equal("annotation policies.shipshape.dev/exempt", exemption.GetProperty("reason").GetString());
        Assert.Contains("no-such-policy", Assert.Single(judged.GetProperty("notes").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Empty(judged.GetProperty("violations").EnumerateArray());
    }
}
