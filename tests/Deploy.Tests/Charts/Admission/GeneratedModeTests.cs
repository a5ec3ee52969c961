using System.Security.Cryptography.X509Certificates;
using System.Text;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Admission;

/// <summary>certificates.mode generated: Helm makes the CA and serving certificate, one pair shared by Secret and webhook.</summary>
public sealed class GeneratedModeTests
{
    public static TheoryData<string> Namespaces => [AdmissionChart.DefaultNamespace, "ops"];

    [Theory]
    [MemberData(nameof(Namespaces))]
    public void SecretsCaIsTheWebhooksCaBundle(string @namespace)
    {
        var render = AdmissionChart.RenderProfile("generated-ca", @namespace).Succeeded();
        var secret = render.Objects.One("Secret");
        var configuration = render.Objects.One("ValidatingWebhookConfiguration");

        Assert.Equal("kubernetes.io/tls", (string?)secret["type"]);
        Assert.Equal((string?)secret["data"]!["ca.crt"], (string?)render.Webhook["clientConfig"]!["caBundle"]);
        Assert.Null(configuration["metadata"]!["annotations"]?["cert-manager.io/inject-ca-from"]);
        Assert.Empty(render.Objects.OfKind("Certificate"));
    }

    [Theory]
    [MemberData(nameof(Namespaces))]
    public void ServingCertificateNamesTheServiceAndChainsToTheCaBundle(string @namespace)
    {
        var render = AdmissionChart.RenderProfile("generated-ca", @namespace).Succeeded();
        var data = render.Objects.One("Secret")["data"]!;
        var service = render.Objects.One("Service").Name();
        using var serving = X509Certificate2.CreateFromPem(Pem(data["tls.crt"]), Pem(data["tls.key"]));
        using var ca = X509Certificate2.CreateFromPem(Pem(render.Webhook["clientConfig"]!["caBundle"]));
        var names = serving.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();

        Assert.True(serving.HasPrivateKey, "tls.key does not belong to tls.crt");
        Assert.Superset(
            new HashSet<string> { service, $"{service}.{@namespace}", $"{service}.{@namespace}.svc", $"{service}.{@namespace}.svc.cluster.local" },
            names.ToHashSet());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(serving), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Fact]
    public void ServiceMonitorVerifiesTheServerWithTheSecretsCaAndTheServiceName()
    {
        var render = AdmissionChart.RenderProfile("generated-ca").Succeeded();
        var endpoint = render.Objects.One("ServiceMonitor")["spec"]!["endpoints"]!.AsArray().Single()!;
        var secret = render.Objects.One("Secret");
        using var serving = X509Certificate2.CreateFromPem(Pem(secret["data"]!["tls.crt"]));

        Assert.Equal("https", (string?)endpoint["scheme"]);
        Assert.Equal("https", (string?)endpoint["port"]);
        Assert.Equal(secret.Name(), (string?)endpoint["tlsConfig"]!["ca"]!["secret"]!["name"]);
        Assert.Equal("ca.crt", (string?)endpoint["tlsConfig"]!["ca"]!["secret"]!["key"]);
        Assert.Equal($"{render.Objects.One("Service").Name()}.{AdmissionChart.DefaultNamespace}.svc", (string?)endpoint["tlsConfig"]!["serverName"]);
        Assert.True(serving.MatchesHostname((string)endpoint["tlsConfig"]!["serverName"]!), "the serving certificate does not hold the ServiceMonitor's serverName");
    }

    private static string Pem(System.Text.Json.Nodes.JsonNode? base64) =>
        Encoding.ASCII.GetString(Convert.FromBase64String((string)base64!));
}
