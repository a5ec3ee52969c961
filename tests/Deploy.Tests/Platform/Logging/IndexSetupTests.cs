using System.Text.Json;
using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Logging;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Logging;

/// <summary>The job that installs the ILM policy and index template, and the bodies it sends.</summary>
public sealed class IndexSetupTests : IDisposable
{
    private static readonly JsonObject ConfigMap = LoggingFiles.Objects("logging/index-setup/configmap.yaml").One("ConfigMap");

    private static readonly JsonObject Job = LoggingFiles.Objects("logging/index-setup/job.yaml").One("Job");

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("platform-logging-index-");

    public void Dispose() => _temp.Delete(recursive: true);

    private static string Data(string key) => (string)ConfigMap["data"]![key]!;

    private static JsonElement Template => JsonDocument.Parse(Data("index-template.json")).RootElement;

    private static string FluentBitIndex =>
        Assert.Single(FluentBitSection.Parse((string)LoggingFiles.Values("72-fluent-bit.yml")["config"]!["outputs"]!))["Index"];

    [Fact]
    public void PolicyRollsOverAndDeletes()
    {
        var file = Path.Combine(_temp.FullName, "policy.json");
        File.WriteAllText(file, Data("ilm-policy.json"));
        var phases = IlmPolicy.Phases(file);

        var rollover = IlmPolicy.Actions(phases, "hot")!.Value.GetProperty("rollover");
        Assert.Equal("1d", rollover.GetProperty("max_age").GetString());
        Assert.True(IlmPolicy.Actions(phases, "delete")!.Value.TryGetProperty("delete", out _));
        Assert.Equal("7d", phases.GetProperty("delete").GetProperty("min_age").GetString());
    }

    [Fact]
    public void TemplateMakesFluentBitsIndexADataStreamUnderThePolicy()
    {
        var patterns = Template.GetProperty("index_patterns").EnumerateArray().Select(p => p.GetString()!).ToList();

        Assert.Contains(patterns, p => GoGlob.Matches(p, FluentBitIndex));
        Assert.Equal(JsonValueKind.Object, Template.GetProperty("data_stream").ValueKind);
        Assert.True(Template.GetProperty("allow_auto_create").GetBoolean());
        Assert.True(Template.GetProperty("priority").GetInt32() > 100, "above Elasticsearch's built-in templates");
        Assert.Equal("platform-logs", Template.GetProperty("template").GetProperty("settings").GetProperty("index.lifecycle.name").GetString());
    }

    [Fact]
    public void ScriptPutsThePolicyUnderTheNameTheTemplateUsesAndTheTemplate()
    {
        var script = Data("setup.sh");
        var policy = Template.GetProperty("template").GetProperty("settings").GetProperty("index.lifecycle.name").GetString();

        Assert.Contains($"put _ilm/policy/{policy} ilm-policy.json", script, StringComparison.Ordinal);
        Assert.Contains("put _index_template/platform-logs index-template.json", script, StringComparison.Ordinal);
        Assert.Contains("--request PUT", script, StringComparison.Ordinal);
        Assert.Contains("--cacert /certs/ca.crt", script, StringComparison.Ordinal);
        Assert.Contains("--retry-all-errors", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--insecure", script, StringComparison.Ordinal);
        Assert.DoesNotContain("$ES_PASSWORD\"", script.Split('\n').Single(l => l.Contains("curl", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void WritersMayOnlyAppendToTheDataStreamAndPlainIndicesOfItsNameAreRefused()
    {
        var config = Assert.Single(LoggingFiles.Objects("logging/elastic-stack/elasticsearch.yaml").One("Elasticsearch")["spec"]!["nodeSets"]!.AsArray())!["config"]!;
        var roles = (string)LoggingFiles.Objects("logging/elastic-stack/roles.yaml").One("Secret")["stringData"]!["roles.yml"]!;

        Assert.Equal($"-{FluentBitIndex}*,+*", (string)config["action.auto_create_index"]!);
        Assert.Contains($"names: [\"{FluentBitIndex}\"]", roles, StringComparison.Ordinal);
        Assert.Contains("privileges: [\"create_doc\", \"auto_configure\"]", roles, StringComparison.Ordinal);
    }

    [Fact]
    public void JobRunsTheScriptWithTheBodiesTheCaAndTheGeneratedUser()
    {
        var pod = Job["spec"]!["template"]!["spec"]!;
        var container = Assert.Single(pod["containers"]!.AsArray())!;
        var volumes = pod["volumes"]!.AsArray().ToDictionary(v => (string)v!["name"]!, v => v!);
        var mounts = container["volumeMounts"]!.AsArray().ToDictionary(m => (string)m!["mountPath"]!, m => (string)m!["name"]!);

        Assert.Equal(["/bin/sh", "/setup/setup.sh"], container["command"].Strings());
        Assert.Equal(ConfigMap.Name(), (string)volumes[mounts["/setup"]]["configMap"]!["name"]!);
        Assert.Equal("logging-es-http-certs-public", (string)volumes[mounts["/certs"]]["secret"]!["secretName"]!);
        Assert.Equal("docker.elastic.co/elasticsearch/elasticsearch:9.4.3", (string)container["image"]!);
        var password = container["env"]!.AsArray().Single(e => (string)e!["name"]! == "ES_PASSWORD")!["valueFrom"]!["secretKeyRef"]!;
        Assert.Equal(["logging-index-setup-user", "password"], new[] { (string)password["name"]!, (string)password["key"]! });
    }

    [Fact]
    public void JobPassesShipshapeAuditWithoutAWarning()
    {
        var report = ChartChecks.Audit(LoggingFiles.Render("logging/index-setup/job.yaml"));

        var judged = Assert.Single(report.GetProperty("objects").EnumerateArray());
        Assert.Equal("Job", judged.GetProperty("kind").GetString());
        Assert.True(judged.GetProperty("allowed").GetBoolean());
        Assert.Empty(judged.GetProperty("violations").EnumerateArray());
        var container = Job["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.True((bool)container["securityContext"]!["readOnlyRootFilesystem"]!);
        Assert.Equal(["ALL"], container["securityContext"]!["capabilities"]!["drop"].Strings());
    }
}
