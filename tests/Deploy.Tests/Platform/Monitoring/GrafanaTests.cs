using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Monitoring;

/// <summary>Grafana: its admin login from the Secret the release generates, reached through the ingress controller over TLS.</summary>
public sealed class GrafanaTests
{
    [Fact]
    public void TheAdminLoginComesFromTheSecretTheReleaseGeneratesAtInstall()
    {
        var admin = MonitoringFiles.At("grafana.admin");
        var secret = MonitoringFiles.ReleaseSecret((string)admin["existingSecret"]!);

        Assert.Contains((string)admin["userKey"]!, MonitoringFiles.SecretKeys(secret));
        // Generated at install, never a literal in git.
        Assert.Contains((string)admin["passwordKey"]!, secret["generate"].Strings());
    }

    [Fact]
    public void NoPasswordIsWrittenInTheValues()
    {
        var grafana = MonitoringFiles.At("grafana").AsObject();

        Assert.False(grafana.ContainsKey("adminPassword"));
        Assert.DoesNotContain("password", File.ReadAllText(MonitoringFiles.ValuesPath).Split('\n')
            .Where(line => !line.TrimStart().StartsWith('#'))
            .Select(line => line.Split(':')[0].Trim().ToLowerInvariant())
            .Where(key => key != "passwordkey"), StringComparer.Ordinal);
    }

    [Fact]
    public void GrafanaIsServedAtItsHostUnderThePlatformDomainWithACertificateFromTheClusterIssuer()
    {
        var ingress = MonitoringFiles.At("grafana.ingress");
        var host = $"grafana.{PlatformVars.Get("platform_domain")}";

        Assert.True((bool)ingress["enabled"]!);
        Assert.Equal(PlatformVars.Get("platform_ingress_class"), (string)ingress["ingressClassName"]!);
        Assert.Equal([host], ingress["hosts"].Strings());
        Assert.Equal(PlatformVars.Get("platform_cluster_issuer"), (string)ingress["annotations"]!["cert-manager.io/cluster-issuer"]!);
        var tls = Assert.Single(ingress["tls"]!.AsArray())!;
        Assert.Equal([host], tls["hosts"].Strings());
        Assert.False(string.IsNullOrEmpty((string?)tls["secretName"]), "cert-manager needs a Secret name to write the certificate to");
    }
}
