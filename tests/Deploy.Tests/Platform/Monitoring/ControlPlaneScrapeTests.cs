using System.Globalization;
using Shipshape.Deploy.Tests.Cluster;
using Shipshape.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Platform.Monitoring;

/// <summary>
/// The chart scrapes the control plane where deploy/cluster's kubeadm configuration (rendered by Ansible with its group
/// variables) makes it listen: same ports, same scheme. A change on either side that the other does not follow fails.
/// </summary>
public sealed class ControlPlaneScrapeTests(RenderedClusterTemplates cluster) : IClassFixture<RenderedClusterTemplates>
{
    // kube-controller-manager's and kube-scheduler's --secure-port defaults; kubeadm-config.yaml.j2 may override them.
    private const int ControllerManagerDefaultSecurePort = 10257;
    private const int SchedulerDefaultSecurePort = 10259;

    private YamlMappingNode ClusterConfiguration => cluster.Init["ClusterConfiguration"];

    [Fact]
    public void ControllerManagerIsScrapedOverHttpsOnItsSecurePortWithoutVerifyingItsSelfSignedCertificate() =>
        AssertSecureComponent("controllerManager", "kubeControllerManager", ControllerManagerDefaultSecurePort);

    [Fact]
    public void SchedulerIsScrapedOverHttpsOnItsSecurePortWithoutVerifyingItsSelfSignedCertificate() =>
        AssertSecureComponent("scheduler", "kubeScheduler", SchedulerDefaultSecurePort);

    [Fact]
    public void EtcdIsScrapedWithTheSchemeAndPortOfItsMetricsListener()
    {
        var listener = new Uri(Assert.Single(Arg(ClusterConfiguration, "etcd.local.extraArgs", "listen-metrics-urls")!.Split(',')));

        Assert.Equal("0.0.0.0", listener.Host);
        Assert.Equal(listener.Port, (int)MonitoringFiles.At("kubeEtcd.service.port"));
        Assert.Equal(listener.Port, (int)MonitoringFiles.At("kubeEtcd.service.targetPort"));
        Assert.Equal(listener.Scheme, MonitoringFiles.Text("kubeEtcd.serviceMonitor.scheme"));
        Assert.True((bool)MonitoringFiles.At("kubeEtcd.enabled"));
    }

    [Fact]
    public void KubeProxyIsScrapedOverPlainHttpOnItsMetricsBindPort()
    {
        var address = YamlSettings.Scalar(cluster.Init["KubeProxyConfiguration"], "metricsBindAddress");
        var separator = address.LastIndexOf(':');
        var port = int.Parse(address[(separator + 1)..], CultureInfo.InvariantCulture);

        Assert.Equal("0.0.0.0", address[..separator]);
        Assert.Equal(port, (int)MonitoringFiles.At("kubeProxy.service.port"));
        Assert.Equal(port, (int)MonitoringFiles.At("kubeProxy.service.targetPort"));
        // kube-proxy serves its metrics without TLS.
        Assert.False((bool)MonitoringFiles.At("kubeProxy.serviceMonitor.https"));
        Assert.True((bool)MonitoringFiles.At("kubeProxy.enabled"));
    }

    private void AssertSecureComponent(string kubeadmKey, string valuesKey, int defaultSecurePort)
    {
        var extraArgs = $"{kubeadmKey}.extraArgs";
        var port = Arg(ClusterConfiguration, extraArgs, "secure-port") is { } configured
            ? int.Parse(configured, CultureInfo.InvariantCulture)
            : defaultSecurePort;

        // Prometheus runs on a worker: the component must listen beyond localhost.
        Assert.Equal("0.0.0.0", Arg(ClusterConfiguration, extraArgs, "bind-address"));
        Assert.True((bool)MonitoringFiles.At($"{valuesKey}.enabled"));
        Assert.Equal(port, (int)MonitoringFiles.At($"{valuesKey}.service.port"));
        Assert.Equal(port, (int)MonitoringFiles.At($"{valuesKey}.service.targetPort"));
        Assert.True((bool)MonitoringFiles.At($"{valuesKey}.serviceMonitor.https"));

        // Without --tls-cert-file the component serves a certificate it signed itself, which no CA can verify.
        Assert.Null(Arg(ClusterConfiguration, extraArgs, "tls-cert-file"));
        Assert.True((bool)MonitoringFiles.At($"{valuesKey}.serviceMonitor.insecureSkipVerify"));
    }

    /// <summary>A kubeadm v1beta4 extraArgs entry's value (a list of name/value pairs); null when absent.</summary>
    private static string? Arg(YamlNode document, string path, string name) =>
        YamlSettings.Find(document, path) is YamlSequenceNode args
            ? args.Children.Where(a => YamlSettings.Scalar(a, "name") == name).Select(a => YamlSettings.Scalar(a, "value")).SingleOrDefault()
            : null;
}
