using System.Text.Json.Nodes;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Charts.Admission;

/// <summary>certificates.mode cert-manager: cert-manager issues the serving certificate and injects its CA.</summary>
public sealed class CertManagerModeTests
{
    /// <summary>Every profile but those choosing the generated mode (cert-manager is the default).</summary>
    public static TheoryData<string> CertManagerProfiles =>
        [.. AdmissionChart.ProfileNames.Where(p => AdmissionChart.ProfileFile(p) is not { } file || !File.ReadAllText(file).Contains("mode: generated", StringComparison.Ordinal))];

    [Fact]
    public void ChartMakesASelfSignedIssuerACaAndACaIssuerThatSignsTheServingCertificate()
    {
        var render = AdmissionChart.RenderProfile("cert-manager").Succeeded();
        var issuers = render.Objects.OfKind("Issuer").ToList();
        var selfSigned = Assert.Single(issuers, i => i["spec"]!["selfSigned"] is not null);
        var caIssuer = Assert.Single(issuers, i => i["spec"]!["ca"] is not null);
        var certificates = render.Objects.OfKind("Certificate").ToList();
        var ca = Assert.Single(certificates, c => (bool?)c["spec"]!["isCA"] == true);
        var serving = Assert.Single(certificates, c => (bool?)c["spec"]!["isCA"] != true);

        AssertIssuerRef(ca, "Issuer", selfSigned.Name());
        Assert.Equal((string?)ca["spec"]!["secretName"], (string?)caIssuer["spec"]!["ca"]!["secretName"]);
        AssertIssuerRef(serving, "Issuer", caIssuer.Name());
    }

    [Fact]
    public void ExistingIssuerSignsTheServingCertificateAndTheChartMakesNoCa()
    {
        var render = AdmissionChart.RenderProfile("existing-issuer").Succeeded();

        Assert.Empty(render.Objects.OfKind("Issuer"));
        AssertIssuerRef(render.Objects.One("Certificate"), "ClusterIssuer", "platform-ca");
    }

    [Theory]
    [MemberData(nameof(CertManagerProfiles))]
    public void ServingCertificateNamesTheServiceAndFillsTheMountedSecret(string profile)
    {
        var render = AdmissionChart.RenderProfile(profile).Succeeded();
        var serving = ServingCertificate(render);
        var service = render.Objects.One("Service").Name();
        var ns = AdmissionChart.DefaultNamespace;
        var tlsVolume = render.PodSpec["volumes"]!.AsArray().Single(v => (string)v!["name"]! == "tls")!;

        Assert.Equal(
            [service, $"{service}.{ns}", $"{service}.{ns}.svc", $"{service}.{ns}.svc.cluster.local"],
            serving["spec"]!["dnsNames"].Strings());
        Assert.Equal((string?)serving["spec"]!["secretName"], (string?)tlsVolume["secret"]!["secretName"]);
    }

    [Theory]
    [MemberData(nameof(CertManagerProfiles))]
    public void WebhookConfigurationAsksCertManagerToInjectTheServingCertificatesCa(string profile)
    {
        var render = AdmissionChart.RenderProfile(profile).Succeeded();
        var configuration = render.Objects.One("ValidatingWebhookConfiguration");

        Assert.Equal(
            $"{AdmissionChart.DefaultNamespace}/{ServingCertificate(render).Name()}",
            (string?)configuration["metadata"]!["annotations"]!["cert-manager.io/inject-ca-from"]);
        Assert.Null(render.Webhook["clientConfig"]!["caBundle"]);
    }

    [Theory]
    [MemberData(nameof(CertManagerProfiles))]
    public void NoRenderedObjectCarriesAKeyOrCertificate(string profile)
    {
        var render = AdmissionChart.RenderProfile(profile).Succeeded();

        Assert.Empty(render.Objects.OfKind("Secret"));
        Assert.DoesNotContain("PRIVATE KEY", render.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("CERTIFICATE-----", render.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("tls.key:", render.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceMonitorVerifiesTheServerWithTheCaOfTheServingSecretAndANameTheCertificateHolds()
    {
        var render = AdmissionChart.RenderProfile("cert-manager").Succeeded();
        var tlsConfig = render.Objects.One("ServiceMonitor")["spec"]!["endpoints"]!.AsArray().Single()!["tlsConfig"]!;
        var serving = ServingCertificate(render);

        Assert.Equal((string?)serving["spec"]!["secretName"], (string?)tlsConfig["ca"]!["secret"]!["name"]);
        Assert.Equal("ca.crt", (string?)tlsConfig["ca"]!["secret"]!["key"]);
        Assert.Contains((string)tlsConfig["serverName"]!, serving["spec"]!["dnsNames"].Strings());
    }

    private static JsonObject ServingCertificate(Render render) =>
        render.Objects.OfKind("Certificate").Single(c => (bool?)c["spec"]!["isCA"] != true);

    private static void AssertIssuerRef(JsonObject certificate, string kind, string name)
    {
        var issuerRef = certificate["spec"]!["issuerRef"]!;
        Assert.Equal(kind, (string?)issuerRef["kind"]);
        Assert.Equal(name, (string?)issuerRef["name"]);
        Assert.Equal("cert-manager.io", (string?)issuerRef["group"]);
    }
}
