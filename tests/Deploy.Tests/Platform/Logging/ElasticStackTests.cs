using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Platform.Logging;

/// <summary>The Elasticsearch and Kibana objects and Kibana's Ingress, as ECK and the ingress controller will read them.</summary>
public sealed class ElasticStackTests
{
    private static readonly JsonObject Elasticsearch = LoggingFiles.Objects("logging/elastic-stack/elasticsearch.yaml").One("Elasticsearch");

    private static readonly JsonObject Kibana = LoggingFiles.Objects("logging/elastic-stack/kibana.yaml").One("Kibana");

    private static readonly JsonObject Ingress = LoggingFiles.Objects("logging/elastic-stack/kibana-ingress.yaml").One("Ingress");

    private static JsonObject NodeSet => Assert.Single(Elasticsearch["spec"]!["nodeSets"]!.AsArray())!.AsObject();

    [Fact]
    public void StackVersionIsOneTheOperatorIsTestedWithAndKibanaMatchesIt()
    {
        // ECK 3.5.0's own samples and e2e matrix use 9.4.3 (config/samples/elasticsearch/elasticsearch.yaml at v3.5.0).
        Assert.Equal("9.4.3", (string)Elasticsearch["spec"]!["version"]!);
        Assert.Equal((string)Elasticsearch["spec"]!["version"]!, (string)Kibana["spec"]!["version"]!);
        Assert.Equal(Elasticsearch.Name(), (string)Kibana["spec"]!["elasticsearchRef"]!["name"]!);
    }

    [Fact]
    public void TlsStaysOnForBothHttpEndpoints()
    {
        Assert.Null(Elasticsearch["spec"]!["http"]);
        Assert.Null(Kibana["spec"]!["http"]);
    }

    [Fact]
    public void DataLivesOnTheStorageClassVolumeEckMountsAsTheDataDirectory()
    {
        var claim = Assert.Single(NodeSet["volumeClaimTemplates"]!.AsArray())!;

        Assert.Equal("elasticsearch-data", (string)claim["metadata"]!["name"]!);
        Assert.Equal(PlatformVars.Get("platform_storage_class"), (string)claim["spec"]!["storageClassName"]!);
        Assert.Equal("DeleteOnScaledownOnly", (string)Elasticsearch["spec"]!["volumeClaimDeletePolicy"]!);
    }

    [Fact]
    public void NeedsNoHostSysctlBecauseMmapIsOff()
    {
        Assert.False((bool)NodeSet["config"]!["node.store.allow_mmap"]!);
        Assert.Null(NodeSet["podTemplate"]!["spec"]!["initContainers"]);
    }

    [Fact]
    public void PodsAreRestrictedAndSized()
    {
        foreach (var (template, container) in new[] { (NodeSet["podTemplate"]!, "elasticsearch"), (Kibana["spec"]!["podTemplate"]!, "kibana") })
        {
            var spec = template["spec"]!;
            Assert.True((bool)spec["securityContext"]!["runAsNonRoot"]!);
            Assert.Equal("RuntimeDefault", (string)spec["securityContext"]!["seccompProfile"]!["type"]!);
            var main = Assert.Single(spec["containers"]!.AsArray(), c => (string)c!["name"]! == container)!;
            Assert.False((bool)main["securityContext"]!["allowPrivilegeEscalation"]!);
            Assert.True((bool)main["securityContext"]!["readOnlyRootFilesystem"]!);
            Assert.Equal(["ALL"], main["securityContext"]!["capabilities"]!["drop"].Strings());
            Assert.NotNull(main["resources"]!["requests"]!["cpu"]);
            Assert.Equal((string)main["resources"]!["requests"]!["memory"]!, (string)main["resources"]!["limits"]!["memory"]!);
        }
    }

    [Fact]
    public void FileRealmUsersAreTheGeneratedSecretsAndTheirRolesAreDefined()
    {
        var auth = Elasticsearch["spec"]!["auth"]!;
        var secrets = LoggingFiles.Release("71-elastic-stack.yml")["secrets"]!.AsArray().ToDictionary(s => (string)s!["name"]!);
        var rolesSecret = LoggingFiles.Objects("logging/elastic-stack/roles.yaml").One("Secret");
        var roles = new YamlStream();
        roles.Load(new StringReader((string)rolesSecret["stringData"]!["roles.yml"]!));
        var defined = ((YamlMappingNode)roles.Documents[0].RootNode).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();

        Assert.Equal(rolesSecret.Name(), (string)Assert.Single(auth["roles"]!.AsArray())!["secretName"]!);
        var realm = auth["fileRealm"]!.AsArray().Select(r => (string)r!["secretName"]!).ToList();
        Assert.Equal(["logging-fluent-bit-user", "logging-index-setup-user"], realm);
        Assert.All(realm, name =>
        {
            var secret = secrets[name]!;
            Assert.Equal(["password"], secret["generate"].Strings());
            Assert.NotNull(secret["literal"]!["username"]);
            Assert.Contains((string)secret["literal"]!["roles"]!, defined);
        });
    }

    [Fact]
    public void KibanaIsServedOnItsHostWithACertificateFromTheClusterIssuer()
    {
        var host = $"kibana.{PlatformVars.Get("platform_domain")}";
        var annotations = Ingress["metadata"]!["annotations"]!;

        Assert.Equal(PlatformVars.Get("platform_ingress_class"), (string)Ingress["spec"]!["ingressClassName"]!);
        Assert.Equal(PlatformVars.Get("platform_cluster_issuer"), (string)annotations["cert-manager.io/cluster-issuer"]!);
        Assert.Equal([host], Assert.Single(Ingress["spec"]!["tls"]!.AsArray())!["hosts"].Strings());
        Assert.Equal(host, (string)Assert.Single(Ingress["spec"]!["rules"]!.AsArray())!["host"]!);
        Assert.Equal($"https://{host}", (string)Kibana["spec"]!["config"]!["server.publicBaseUrl"]!);
    }

    [Fact]
    public void TheIngressTalksHttpsToKibanasOwnService()
    {
        var path = Assert.Single(Ingress["spec"]!["rules"]![0]!["http"]!["paths"]!.AsArray())!;
        var service = path["backend"]!["service"]!;
        var sslServices = ((string)Ingress["metadata"]!["annotations"]!["nginx.org/ssl-services"]!).Split(',', StringSplitOptions.TrimEntries);

        // ECK names Kibana's service <name>-kb-http and serves HTTPS on 5601.
        Assert.Equal($"{Kibana.Name()}-kb-http", (string)service["name"]!);
        Assert.Equal(5601, (int)service["port"]!["number"]!);
        Assert.Contains((string)service["name"]!, sslServices);
    }
}
