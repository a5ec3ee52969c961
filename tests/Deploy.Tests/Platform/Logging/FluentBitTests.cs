using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Logging;

/// <summary>Fluent Bit's values: container logs in, the ECK cluster out, over verified TLS as the generated user.</summary>
public sealed class FluentBitTests
{
    private static readonly JsonObject Values = LoggingFiles.Values("72-fluent-bit.yml");

    private static FluentBitSection Section(string part, string name) =>
        Assert.Single(FluentBitSection.Parse((string)Values["config"]![part]!), s => s.Name == name);

    private static FluentBitSection Output => Section("outputs", "OUTPUT");

    [Fact]
    public void RunsOnEveryNodeIncludingTheCiNode()
    {
        Assert.Equal("DaemonSet", (string)Values["kind"]!);
        var tolerations = Values["tolerations"]!.AsArray().Select(t => (string?)t!["key"]).ToList();
        Assert.Contains(PlatformVars.Get("ci_node_taint_key"), tolerations);
        Assert.Contains("node-role.kubernetes.io/control-plane", tolerations);
    }

    [Fact]
    public void TailsContainerLogsInTheCriFormatAndAddsKubernetesMetadata()
    {
        var input = Section("inputs", "INPUT");
        Assert.Equal("tail", input["Name"]);
        Assert.Equal("/var/log/containers/*.log", input["Path"]);
        Assert.Equal("cri", input["multiline.parser"]);
        Assert.StartsWith("/var/lib/fluent-bit/", input["DB"], StringComparison.Ordinal);
        Assert.Contains(Values["daemonSetVolumeMounts"]!.AsArray(), m => (string)m!["mountPath"]! == "/var/lib/fluent-bit");

        var filter = Section("filters", "FILTER");
        Assert.Equal("kubernetes", filter["Name"]);
        Assert.Equal("kube.*", filter["Match"]);
        Assert.Equal(input["Tag"], Output["Match"]);
    }

    [Fact]
    public void WritesToTheEckClustersHttpServiceWithOpTypeCreate()
    {
        var elasticsearch = LoggingFiles.Objects("logging/elastic-stack/elasticsearch.yaml").One("Elasticsearch");

        Assert.Equal("es", Output["Name"]);
        Assert.Equal($"{elasticsearch.Name()}-es-http.{elasticsearch["metadata"]!["namespace"]}.svc", Output["Host"]);
        Assert.Equal("9200", Output["Port"]);
        Assert.Equal("create", Output["Write_Operation"]);
        Assert.Equal("On", Output["Suppress_Type_Name"]);
    }

    [Fact]
    public void VerifiesTlsAgainstTheMountedEckCaSecret()
    {
        Assert.Equal("On", Output["tls"]);
        Assert.Equal("On", Output["tls.verify"]);
        var caFile = Output["tls.ca_file"];
        var mount = Assert.Single(Values["extraVolumeMounts"]!.AsArray(), m => caFile.StartsWith((string)m!["mountPath"]! + "/", StringComparison.Ordinal))!;
        var volume = Assert.Single(Values["extraVolumes"]!.AsArray(), v => (string)v!["name"]! == (string)mount["name"]!)!;

        Assert.Equal("logging-es-http-certs-public", (string)volume["secret"]!["secretName"]!);
        Assert.Equal("ca.crt", Path.GetFileName(caFile));
    }

    [Fact]
    public void AuthenticatesAsTheGeneratedFileRealmUserFromTheEnvironment()
    {
        Assert.Equal("${ES_USER}", Output["HTTP_User"]);
        Assert.Equal("${ES_PASSWORD}", Output["HTTP_Passwd"]);
        var env = Values["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!["valueFrom"]!["secretKeyRef"]!);
        var secret = Assert.Single(LoggingFiles.Release("71-elastic-stack.yml")["secrets"]!.AsArray(), s => (string)s!["name"]! == (string)env["ES_PASSWORD"]["name"]!)!;

        Assert.Equal("password", (string)env["ES_PASSWORD"]["key"]!);
        Assert.Contains("password", secret["generate"].Strings());
        Assert.Equal((string)env["ES_PASSWORD"]["name"]!, (string)env["ES_USER"]["name"]!);
        Assert.Equal("username", (string)env["ES_USER"]["key"]!);
    }

    [Fact]
    public void ReadsNodeLogsReadOnlyWithNoCapabilitiesAndBoundedMemory()
    {
        var container = Values["securityContext"]!;
        Assert.False((bool)container["allowPrivilegeEscalation"]!);
        Assert.True((bool)container["readOnlyRootFilesystem"]!);
        Assert.Equal(["ALL"], container["capabilities"]!["drop"].Strings());
        Assert.Equal("RuntimeDefault", (string)Values["podSecurityContext"]!["seccompProfile"]!["type"]!);
        Assert.True((bool)Values["daemonSetVolumeMounts"]!.AsArray().Single(m => (string)m!["mountPath"]! == "/var/log")!["readOnly"]!);
        Assert.NotNull(Values["resources"]!["requests"]!["cpu"]);
        Assert.NotNull(Values["resources"]!["limits"]!["memory"]);
    }
}
